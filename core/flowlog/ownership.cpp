#include "ownership.h"

#include "linereader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <cctype>
#include <sys/stat.h>

namespace pl::flowlog {

namespace {

enum Priority
{
    PriorityProviderGeneric = 0, // AWS "AMAZON": any service
    PriorityProvider = 1,
    PriorityInventory = 2
};

struct SpecialRange
{
    const char *cidr;
    const char *label;
};

constexpr std::array kSpecialRanges{
    SpecialRange{"0.0.0.0/8", "this network"},
    SpecialRange{"10.0.0.0/8", "private (RFC 1918)"},
    SpecialRange{"100.64.0.0/10",
                 "shared address space (Alibaba Cloud internal service addresses)"},
    SpecialRange{"127.0.0.0/8", "loopback"},
    SpecialRange{"169.254.0.0/16", "link-local"},
    SpecialRange{"172.16.0.0/12", "private (RFC 1918)"},
    SpecialRange{"192.0.0.0/24", "IETF protocol assignments"},
    SpecialRange{"192.168.0.0/16", "private (RFC 1918)"},
    SpecialRange{"198.18.0.0/15", "benchmarking"},
    SpecialRange{"224.0.0.0/4", "multicast"},
    SpecialRange{"240.0.0.0/4", "reserved"},
    SpecialRange{"::/128", "unspecified"},
    SpecialRange{"::1/128", "loopback"},
    SpecialRange{"fc00::/7", "unique local (ULA)"},
    SpecialRange{"fe80::/10", "link-local"},
    SpecialRange{"ff00::/8", "multicast"},
};

constexpr std::array kDocumentationRanges{
    SpecialRange{"192.0.2.0/24", "documentation"},
    SpecialRange{"198.51.100.0/24", "documentation"},
    SpecialRange{"203.0.113.0/24", "documentation"},
    SpecialRange{"2001:db8::/32", "documentation"},
};

std::string trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return std::string(s);
}

// CSV fields: quoted ones may hold commas and doubled quotes (a provider
// name "Alibaba, Inc." must not shift the columns after it). False on a
// quote left open.
bool splitCsvFields(std::string_view line, std::vector<std::string> &fields)
{
    fields.clear();
    std::size_t i = 0;
    while (true) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        std::string field;
        if (i < line.size() && line[i] == '"') {
            for (++i;; ++i) {
                if (i >= line.size())
                    return false;
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        field += '"';
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += line[i];
            }
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
                ++i;
            if (i < line.size() && line[i] != ',')
                return false; // text after the closing quote (said as a quote problem)
        } else {
            const std::size_t comma = std::min(line.find(',', i), line.size());
            field = trimmed(line.substr(i, comma - i));
            i = comma;
        }
        fields.push_back(std::move(field));
        if (i >= line.size())
            return true;
        ++i; // the comma
    }
}

// Every bad line of a file is named, up to a limit.
class LoadErrors
{
public:
    explicit LoadErrors(QString path) : m_path(std::move(path)) {}
    void add(const QString &where, const QString &reason)
    {
        if (++m_count <= kMax)
            m_errors << QStringLiteral("%1:%2: %3").arg(m_path, where, reason);
    }
    QStringList take()
    {
        if (m_count > kMax)
            m_errors << QStringLiteral("%1: %2 more bad entries").arg(m_path).arg(m_count - kMax);
        return std::move(m_errors);
    }

private:
    static constexpr int kMax = 20;
    QString m_path;
    QStringList m_errors;
    int m_count = 0;
};

// Reads a small CSV file line by line; calls visit(fields) for each data
// line (comments, blank lines and a header skipped). Returns every error,
// from visit or the file.
// A CIDR whose address has bits set past its length (10.0.0.1/8): most
// likely a typo of the address or of the length. Taken masked, as the
// prefix it names, and said: empty when there is nothing to say.
QString hostBitsProblem(std::string_view text, const IpPrefix &prefix)
{
    const auto address = parseIpAddress(text.substr(0, text.find('/')));
    if (!address || address->value == prefix.network.value)
        return QString();
    const int base = address->isV4() ? 96 : 0;
    return QStringLiteral("%1 has bits set past its /%2: taken as %3/%2")
        .arg(QString::fromStdString(std::string(text)))
        .arg(prefix.length - base)
        .arg(QString::fromStdString(ipAddressText(prefix.network)));
}

// The file goes through the flow logs' LineReader: a pipe (`<(zcat ...)`)
// reads to its end (QFile::atEnd() is true on a pipe with nothing
// buffered yet, which read it as empty), and gzip, zstd or LZ4 are
// decompressed as the logs are.
template <typename Visit>
QStringList forEachCsvLine(const QString &path, const char *headerFirstField, Visit visit)
{
    LineReader reader;
    if (const std::string error = reader.open(QFile::encodeName(path).toStdString());
        !error.empty())
        return {QStringLiteral("%1: %2").arg(path, QString::fromStdString(error))};
    LoadErrors errors(path);
    std::vector<std::string> fields;
    std::string_view line;
    std::uint64_t entries = 0;
    while (reader.next(line)) {
        const std::uint64_t lineNumber = reader.lineNumber();
        if (reader.lineCut()) {
            errors.add(QString::number(lineNumber), QStringLiteral("a line of 16 MiB or more"));
            continue;
        }
        if (lineNumber == 1 && line.substr(0, 3) == "\xEF\xBB\xBF")
            line.remove_prefix(3); // a byte-order mark (spreadsheets on Windows)
        const std::string text = trimmed(line);
        if (text.empty() || text.front() == '#')
            continue;
        if (!splitCsvFields(text, fields)) {
            errors.add(QString::number(lineNumber),
                       QStringLiteral("a quoted field left open, or text after its closing quote"));
            continue;
        }
        std::string first = fields.front();
        std::transform(first.begin(), first.end(), first.begin(),
                       [](unsigned char c) { return char(std::tolower(c)); });
        if (first == headerFirstField)
            continue;
        ++entries;
        const QString reason = visit(fields);
        if (!reason.isEmpty())
            errors.add(QString::number(lineNumber), reason);
    }
    QStringList all = errors.take();
    if (!reader.error().empty())
        all << QStringLiteral("%1: %2").arg(path, QString::fromStdString(reader.error()));
    else if (entries == 0) // a failed download or export: no owner would be known
        all << QStringLiteral("%1: no entries (an empty file, or a header alone)").arg(path);
    return all;
}

// A JSON input read whole (ip-ranges.json is some 2 MB), decompressed as
// the logs are and from a pipe too, up to kMaxJsonBytes: /dev/zero or a
// log given by mistake is an error, not gigabytes of memory.
constexpr std::size_t kMaxJsonBytes = 64u << 20;
QString readJsonFile(const QString &path, QByteArray &out)
{
    // A device (/dev/zero) has no end of line to stop at.
    struct stat info;
    if (::stat(QFile::encodeName(path).constData(), &info) == 0 &&
        (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode)))
        return QStringLiteral("%1: a device, not a file of ranges").arg(path);
    LineReader reader;
    if (const std::string error = reader.open(QFile::encodeName(path).toStdString());
        !error.empty())
        return QStringLiteral("%1: %2").arg(path, QString::fromStdString(error));
    out.clear();
    std::string_view line;
    while (reader.next(line)) {
        // Lines joined by "\n": a parse error's offset is the file's, but
        // for the CR of CRLF line ends.
        if (reader.lineCut() || std::size_t(out.size()) + line.size() + 1 > kMaxJsonBytes)
            return QStringLiteral("%1: larger than %2 MiB: not a list of ranges")
                .arg(path)
                .arg(kMaxJsonBytes >> 20);
        out.append(line.data(), qsizetype(line.size()));
        out.append('\n');
    }
    if (!reader.error().empty())
        return QStringLiteral("%1: %2").arg(path, QString::fromStdString(reader.error()));
    return QString();
}

std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return char(std::toupper(c)); });
    return s;
}

std::string field(const std::vector<std::string> &fields, std::size_t i)
{
    return i < fields.size() && fields[i] != "-" ? fields[i] : std::string();
}

} // namespace

ServicePath servicePath(std::string_view service)
{
    const std::string s = upper(std::string(service));
    if (s == "OSS" || s == "S3" || s == "DYNAMODB")
        return ServicePath::Gateway;
    // Edge and DNS services are reached at their public addresses by
    // design, and EC2's ranges hold every customer's public instances:
    // no endpoint of the user's VPC can stand in for them.
    static constexpr std::array kNoEndpoint{"CDN",
                                            "CLOUDFRONT",
                                            "CLOUDFRONT_ORIGIN_FACING",
                                            "EC2",
                                            "GLOBALACCELERATOR",
                                            "ROUTE53",
                                            "ROUTE53_HEALTHCHECKS",
                                            "ROUTE53_HEALTHCHECKS_PUBLISHING",
                                            "CHIME_MEETINGS",
                                            "CHIME_VOICECONNECTOR",
                                            "WORKSPACES_GATEWAYS"};
    for (const char *name : kNoEndpoint) {
        if (s == name)
            return ServicePath::None;
    }
    return ServicePath::Interface;
}

bool isAnyService(std::string_view service)
{
    return service.empty() || upper(std::string(service)) == "AMAZON";
}

std::vector<std::string_view> specialCidrs(bool documentationPrivate)
{
    std::vector<std::string_view> cidrs;
    for (const SpecialRange &range : kSpecialRanges)
        cidrs.emplace_back(range.cidr);
    if (documentationPrivate) {
        for (const SpecialRange &range : kDocumentationRanges)
            cidrs.emplace_back(range.cidr);
    }
    return cidrs;
}

Ownership::Ownership(bool documentationPrivate)
{
    const auto addSpecial = [this](const SpecialRange &range) {
        Owner owner;
        owner.kind = OwnerKind::Special;
        owner.label = range.label;
        const std::int32_t index = addOwner(owner);
        if (const auto prefix = parseIpPrefix(range.cidr))
            m_special.add(*prefix, index);
    };
    for (const SpecialRange &range : kSpecialRanges)
        addSpecial(range);
    if (documentationPrivate) {
        for (const SpecialRange &range : kDocumentationRanges)
            addSpecial(range);
    }
    m_special.build();
}

std::int32_t Ownership::addOwner(Owner owner)
{
    // One index per distinct owner: findings group by it, and every line of
    // a ranges file (ip-ranges.json has dozens per service and region)
    // would otherwise be a finding of its own, the same name on each.
    std::string key;
    for (const std::string *part :
         {&owner.provider, &owner.service, &owner.region, &owner.label, &owner.resourceId,
          &owner.vpcId, &owner.accountId, &owner.inventoryKind}) {
        key += *part;
        key += '\0';
    }
    key += char('0' + int(owner.kind));
    const auto [at, added] =
        m_ownerIndex.try_emplace(std::move(key), std::int32_t(m_owners.size()));
    if (added)
        m_owners.push_back(std::move(owner));
    return at->second;
}

void Ownership::addPrefix(const IpPrefix &prefix, const Owner &owner)
{
    const int priority = owner.kind == OwnerKind::Inventory ? PriorityInventory : PriorityProvider;
    m_table.add(prefix, addOwner(owner), priority);
}

void Ownership::add(std::string_view cidr, std::int32_t owner, int priority)
{
    if (const auto prefix = parseIpPrefix(cidr))
        m_table.add(*prefix, owner, priority);
}

QStringList Ownership::loadInventoryCsv(const QString &path)
{
    // ip,kind,resource_id,vpc_id,region,account_id
    return forEachCsvLine(path, "ip", [this](const std::vector<std::string> &f) {
        const auto prefix = parseIpPrefix(f.front());
        if (!prefix)
            return QStringLiteral("not an address: %1").arg(QString::fromStdString(f.front()));
        Owner owner;
        owner.kind = OwnerKind::Inventory;
        owner.inventoryKind = upper(field(f, 1));
        owner.resourceId = field(f, 2);
        owner.vpcId = field(f, 3);
        owner.region = field(f, 4);
        owner.accountId = field(f, 5);
        owner.label = owner.inventoryKind;
        m_table.add(*prefix, addOwner(std::move(owner)), PriorityInventory);
        return hostBitsProblem(f.front(), *prefix);
    });
}

QStringList Ownership::loadCidrCsv(const QString &path)
{
    // cidr,provider,service,region,label, or a bare CIDR per line.
    const std::string fileLabel = QFile::decodeName(path.toLocal8Bit()).toStdString();
    return forEachCsvLine(path, "cidr", [&](const std::vector<std::string> &f) {
        const auto prefix = parseIpPrefix(f.front());
        if (!prefix)
            return QStringLiteral("not a CIDR: %1").arg(QString::fromStdString(f.front()));
        Owner owner;
        owner.kind = OwnerKind::Provider;
        owner.provider = field(f, 1);
        owner.service = field(f, 2);
        owner.region = field(f, 3);
        owner.label = field(f, 4);
        if (f.size() == 1)
            owner.label = fileLabel;
        m_table.add(*prefix, addOwner(std::move(owner)), PriorityProvider);
        return hostBitsProblem(f.front(), *prefix);
    });
}

QStringList Ownership::loadAwsIpRanges(const QString &path)
{
    QByteArray json;
    if (const QString error = readJsonFile(path, json); !error.isEmpty())
        return {error};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return {QStringLiteral("%1: not ip-ranges.json (%2 at offset %3)")
                    .arg(path, error.errorString())
                    .arg(error.offset)};
    if (!doc.isObject())
        return {QStringLiteral("%1: not ip-ranges.json (not a JSON object)").arg(path)};
    LoadErrors errors(path);
    int lists = 0;
    const auto addList = [&](const QString &listName, const QString &prefixName) {
        const QJsonValue listValue = doc.object().value(listName);
        if (listValue.isUndefined())
            return;
        ++lists;
        if (!listValue.isArray()) {
            errors.add(listName, QStringLiteral("not a list"));
            return;
        }
        const QJsonArray list = listValue.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QJsonObject o = list.at(i).toObject();
            const QString where = QStringLiteral("%1[%2]").arg(listName).arg(i);
            const QJsonValue cidrValue = o.value(prefixName);
            if (!cidrValue.isString()) {
                errors.add(where, QStringLiteral("no %1 text").arg(prefixName));
                continue;
            }
            const std::string cidr = cidrValue.toString().toStdString();
            const auto prefix = parseIpPrefix(cidr);
            if (!prefix) {
                errors.add(where, QStringLiteral("not a CIDR: %1").arg(cidrValue.toString()));
                continue;
            }
            Owner owner;
            owner.kind = OwnerKind::Provider;
            owner.provider = "aws";
            std::string service = o.value(QLatin1String("service")).toString().toStdString();
            const bool generic = service == "AMAZON";
            owner.service = generic ? std::string() : service;
            owner.region = o.value(QLatin1String("region")).toString().toStdString();
            owner.label = o.value(QLatin1String("network_border_group")).toString().toStdString();
            m_table.add(*prefix, addOwner(std::move(owner)),
                        generic ? PriorityProviderGeneric : PriorityProvider);
            if (const QString problem = hostBitsProblem(cidr, *prefix); !problem.isEmpty())
                errors.add(where, problem);
        }
    };
    addList(QStringLiteral("prefixes"), QStringLiteral("ip_prefix"));
    addList(QStringLiteral("ipv6_prefixes"), QStringLiteral("ipv6_prefix"));
    if (lists == 0)
        return {
            QStringLiteral("%1: not ip-ranges.json (no prefixes or ipv6_prefixes list)").arg(path)};
    return errors.take();
}

QStringList Ownership::loadAlibabaPublicIps(const QString &path)
{
    QByteArray json;
    if (const QString error = readJsonFile(path, json); !error.isEmpty())
        return {error};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return {QStringLiteral("%1: not JSON (%2 at offset %3)")
                    .arg(path, error.errorString())
                    .arg(error.offset)};
    // One saved answer, or a list of them (one per region).
    const QJsonArray answers = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
    LoadErrors errors(path);
    for (qsizetype a = 0; a < answers.size(); ++a) {
        const QJsonObject o = answers.at(a).toObject();
        const QString where = QStringLiteral("answer %1").arg(a + 1);
        const std::string region = o.value(QLatin1String("RegionId")).toString().toStdString();
        QJsonValue list = o.value(QLatin1String("PublicIpAddress"));
        // Some SDKs wrap lists: {"PublicIpAddress": {"PublicIpAddres": [...]}}.
        if (list.isObject() && !list.toObject().isEmpty())
            list = *list.toObject().begin();
        if (!list.isArray()) {
            errors.add(where, QStringLiteral("no PublicIpAddress list"));
            continue;
        }
        Owner owner;
        owner.kind = OwnerKind::Provider;
        owner.provider = "alibaba";
        owner.region = region;
        owner.label = "DescribePublicIpAddress";
        const std::int32_t index = addOwner(owner);
        for (const QJsonValue &cidr : list.toArray()) {
            const std::string text = cidr.toString().toStdString();
            if (!parseIpPrefix(text)) {
                errors.add(where, QStringLiteral("not a CIDR: %1")
                                      .arg(cidr.isString() ? cidr.toString()
                                                           : QStringLiteral("(not text)")));
                continue;
            }
            add(text, index, PriorityProvider);
        }
    }
    return errors.take();
}

void Ownership::build()
{
    m_table.build();
}

std::int32_t Ownership::lookupIndex(const IpAddress &address) const
{
    const std::int32_t special = m_special.lookup(address);
    return special >= 0 ? special : m_table.lookup(address);
}

const Owner *Ownership::lookup(const IpAddress &address) const
{
    const std::int32_t index = lookupIndex(address);
    return index < 0 ? nullptr : &m_owners[std::size_t(index)];
}

const Owner *Ownership::lookupInventory(const IpAddress &address) const
{
    const std::int32_t index = m_table.lookup(address);
    if (index < 0 || m_owners[std::size_t(index)].kind != OwnerKind::Inventory)
        return nullptr;
    return &m_owners[std::size_t(index)];
}

bool Ownership::isSpecial(const IpAddress &address) const
{
    return m_special.lookup(address) >= 0;
}

} // namespace pl::flowlog
