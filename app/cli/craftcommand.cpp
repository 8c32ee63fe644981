#include "craftcommand.h"

#include "console.h"
#include "export/pcapwriter.h"
#include "headeroptions.h"
#include "io/outputfile.h"
#include "proxy/bytearrayspan.h"
#include "proxy/headerbuilder.h"
#include "proxy/headertext.h"

#include <QCommandLineParser>

namespace pl::cli {

int runCraft(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Encode a PROXY protocol header (valid or deliberately broken)."));
    parser.addHelpOption();
    addHeaderOptions(parser);
    parser.addOptions({
        {QStringLiteral("hex"), QStringLiteral("Print the header as hex (the default).")},
        {QStringLiteral("out"),
         QStringLiteral("Write the raw bytes to FILE (atomically; devices, FIFOs and '-' "
                        "in place)."),
         QStringLiteral("FILE")},
        {QStringLiteral("pcap"),
         QStringLiteral("Write a capture with the header on a TCP connection (UDP for --dgram) "
                        "from a load balancer address to the header's destination."),
         QStringLiteral("FILE")},
    });
    if (!parser.parse(arguments))
        return usageError(QStringLiteral("craft"), parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << commandHelp(parser, QStringLiteral("craft"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("craft"),
                          QStringLiteral("unexpected argument '%1'")
                              .arg(parser.positionalArguments().constFirst()));
    QString error;
    const auto spec = headerSpecFromOptions(parser, &error);
    if (!spec)
        return usageError(QStringLiteral("craft"), error);
    const QByteArray bytes = proxy::encodeHeader(*spec);

    if (parser.isSet(QStringLiteral("out"))) {
        const QString writeError = io::writeOutputFile(parser.value(QStringLiteral("out")), bytes);
        if (!writeError.isEmpty())
            return usageError(QStringLiteral("craft"),
                              QStringLiteral("cannot write %1: %2")
                                  .arg(parser.value(QStringLiteral("out")), writeError));
    }
    if (parser.isSet(QStringLiteral("pcap"))) {
        // The load balancer (documentation address) connects to the
        // header's destination, or to a documentation address for LOCAL.
        const bool v6 = spec->family == proxy::Family::Inet6;
        exporting::CraftedConnection c;
        c.client =
            QHostAddress(v6 ? QStringLiteral("2001:db8::fe") : QStringLiteral("192.0.2.254"));
        c.clientPort = 50000;
        const bool hasDst =
            (spec->family == proxy::Family::Inet || v6) && !spec->destinationAddress.isNull();
        c.server = hasDst ? spec->destinationAddress
                          : QHostAddress(v6 ? QStringLiteral("2001:db8::1")
                                            : QStringLiteral("198.51.100.1"));
        c.serverPort = hasDst ? spec->destinationPort : 80;
        c.clientBytes = bytes;
        c.udp = spec->transport == proxy::Transport::Dgram;
        const QString writeError = exporting::writePcap(parser.value(QStringLiteral("pcap")), {c});
        if (!writeError.isEmpty())
            return usageError(QStringLiteral("craft"),
                              QStringLiteral("cannot write %1: %2")
                                  .arg(parser.value(QStringLiteral("pcap")), writeError));
    }
    if (parser.isSet(QStringLiteral("hex")) ||
        (!parser.isSet(QStringLiteral("out")) && !parser.isSet(QStringLiteral("pcap"))))
        out() << proxy::hexString(proxy::byteSpan(bytes)) << Qt::endl;
    return ExitOk;
}

} // namespace pl::cli
