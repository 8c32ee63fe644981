#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace pl::capture {

// One entry of libpcap's device list (pcap_findalldevs), for a picker.
struct CaptureInterface
{
    QString name;        // "eth0", "lo", "any"
    QString description; // libpcap's, often empty on Linux
    QStringList addresses;
    bool loopback = false;
    bool up = false;
    bool running = false;
};

// The interfaces libpcap can capture on; error set when it cannot list them.
QList<CaptureInterface> captureInterfaces(QString *error = nullptr);

// Compiles a BPF filter without opening a device (pcap_open_dead), for
// checking it as it is typed. Returns libpcap's message, empty when it compiles.
QString checkCaptureFilter(const QString &filter, int linkType = 1, int snaplen = 262144);

} // namespace pl::capture
