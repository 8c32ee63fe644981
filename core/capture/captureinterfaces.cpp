#include "captureinterfaces.h"

#include <QHostAddress>

#include <pcap/pcap.h>
#include <sys/socket.h>

namespace pl::capture {

QList<CaptureInterface> captureInterfaces(QString *error)
{
    QList<CaptureInterface> result;
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_if_t *devices = nullptr;
    if (pcap_findalldevs(&devices, errbuf) != 0) {
        if (error)
            *error = QString::fromLocal8Bit(errbuf);
        return result;
    }
    for (pcap_if_t *d = devices; d; d = d->next) {
        CaptureInterface i;
        i.name = QString::fromLocal8Bit(d->name);
        i.description = d->description ? QString::fromLocal8Bit(d->description) : QString();
        i.loopback = (d->flags & PCAP_IF_LOOPBACK) != 0;
        i.up = (d->flags & PCAP_IF_UP) != 0;
        i.running = (d->flags & PCAP_IF_RUNNING) != 0;
        for (pcap_addr_t *a = d->addresses; a; a = a->next) {
            if (!a->addr || (a->addr->sa_family != AF_INET && a->addr->sa_family != AF_INET6))
                continue;
            const QHostAddress address(a->addr);
            if (!address.isNull())
                i.addresses << address.toString();
        }
        result.append(i);
    }
    pcap_freealldevs(devices);
    return result;
}

QString checkCaptureFilter(const QString &filter, int linkType, int snaplen)
{
    pcap_t *dead = pcap_open_dead(linkType, snaplen);
    if (!dead)
        return QStringLiteral("pcap_open_dead failed");
    bpf_program program{};
    const QByteArray text = filter.toLocal8Bit();
    QString error;
    if (pcap_compile(dead, &program, text.constData(), 1, PCAP_NETMASK_UNKNOWN) != 0)
        error = QString::fromLocal8Bit(pcap_geterr(dead));
    else
        pcap_freecode(&program);
    pcap_close(dead);
    return error;
}

} // namespace pl::capture
