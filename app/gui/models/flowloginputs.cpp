#include "flowloginputs.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace pl::gui {

// The translation context of this file's messages: lupdate files the
// FlowLogInputsText::tr() calls under it, as the program looks them up.
class FlowLogInputsText
{
    Q_DECLARE_TR_FUNCTIONS(pl::gui::FlowLogInputsText)
};

namespace {} // namespace

FlowInputKind detectFlowInput(const QString &path)
{
    QFile file(path);
    if (QFileInfo(path).isDir() || !file.open(QIODevice::ReadOnly))
        return FlowInputKind::Log; // the reader reports what is wrong with it
    const QByteArray head = file.read(64 * 1024);
    if (head.startsWith("\x1f\x8b") || head.startsWith("\x28\xb5\x2f\xfd"))
        return FlowInputKind::Log; // compressed: ownership inputs are plain
    const QByteArray trimmed = head.trimmed();
    if (trimmed.startsWith('{')) {
        // An SLS record is an object too, on one line: look for the keys of
        // the ownership answers instead.
        if (head.contains("\"ip_prefix\"") || head.contains("\"ipv6_prefixes\"") ||
            head.contains("\"prefixes\""))
            return FlowInputKind::AwsIpRanges;
        if (head.contains("\"PublicIpAddress\""))
            return FlowInputKind::AlibabaPublicIps;
        return FlowInputKind::Log;
    }
    for (const QByteArray &raw : head.split('\n')) {
        const QByteArray line = raw.trimmed().toLower();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (line.startsWith("ip,kind"))
            return FlowInputKind::Inventory;
        if (line.startsWith("cidr,") || line == "cidr")
            return FlowInputKind::CidrRanges;
        static const QRegularExpression bareCidr(QStringLiteral("^[0-9a-f:.]+/[0-9]{1,3}(,|$)"));
        if (bareCidr.match(QString::fromLatin1(line)).hasMatch())
            return FlowInputKind::CidrRanges;
        return FlowInputKind::Log;
    }
    return FlowInputKind::Log;
}

QString flowInputKindText(FlowInputKind kind)
{
    switch (kind) {
    case FlowInputKind::Log:
        return FlowLogInputsText::tr("flow log");
    case FlowInputKind::CidrRanges:
        return FlowLogInputsText::tr("CIDR ranges");
    case FlowInputKind::Inventory:
        return FlowLogInputsText::tr("inventory");
    case FlowInputKind::AwsIpRanges:
        return FlowLogInputsText::tr("AWS ip-ranges.json");
    case FlowInputKind::AlibabaPublicIps:
        return FlowLogInputsText::tr("Alibaba Cloud public IPs");
    }
    return {};
}

void FlowLogInputs::add(const QString &path, FlowInputKind kind)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList *list = nullptr;
    switch (kind) {
    case FlowInputKind::Log:
        list = &logs;
        break;
    case FlowInputKind::CidrRanges:
        list = &cidrRanges;
        break;
    case FlowInputKind::Inventory:
        list = &inventories;
        break;
    case FlowInputKind::AwsIpRanges:
        list = &awsIpRanges;
        break;
    case FlowInputKind::AlibabaPublicIps:
        list = &alibabaPublicIps;
        break;
    }
    if (!list->contains(absolute))
        list->append(absolute);
}

QStringList FlowLogInputs::ownershipFiles() const
{
    return cidrRanges + inventories + awsIpRanges + alibabaPublicIps;
}

bool parseListeningPorts(const QString &text, std::vector<std::uint16_t> &ports)
{
    ports.clear();
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    for (const QString &part : text.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const uint port = part.toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return false;
        ports.push_back(static_cast<std::uint16_t>(port));
    }
    return true;
}

} // namespace pl::gui
