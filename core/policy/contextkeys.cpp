#include "contextkeys.h"

#include "asciicase.h"

#include <QCoreApplication>

namespace pl::policy {

namespace {

constexpr auto S = KeyType::String;
constexpr auto N = KeyType::Number;
constexpr auto B = KeyType::Bool;
constexpr auto I = KeyType::Ip;
constexpr auto D = KeyType::Date;
constexpr auto T = KeySource::Traffic;
constexpr auto U = KeySource::User;

const ContextKeyInfo kTlvKey{
    "pp:Tlv/0xNN", S, T, nullptr,
    QT_TRANSLATE_NOOP("pl::policy::PolicyText", "raw value of a TLV, as hex")};

} // namespace

const QList<ContextKeyInfo> &contextKeys()
{
    static const QList<ContextKeyInfo> keys{
        {"pp:Version", N, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "PROXY protocol version (1, 2)")},
        {"pp:Command", S, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "LOCAL or PROXY")},
        {"pp:SourceIp", I, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "client address in the header")},
        {"pp:SourcePort", N, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "client port in the header")},
        {"pp:DestinationIp", I, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "destination address")},
        {"pp:DestinationPort", N, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "destination port")},
        {"pp:Authority", S, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0x02, usually the SNI")},
        {"pp:Alpn", S, T, nullptr, QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0x01")},
        {"pp:UniqueId", S, T, nullptr, QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0x05")},
        {"pp:SslVersion", S, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "SSL sub-TLV 0x21")},
        {"pp:SslCn", S, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "SSL sub-TLV 0x22")},
        {"pp:SslVerified", B, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText",
                           "a client certificate was presented and verified")},
        {"pp:Crc32cValid", B, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0x03 checks out")},
        {"alibaba:SourceVpc", S, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0xE1/0x01")},
        {"alibaba:EndpointId", S, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0xE1/0x02")},
        {"alibaba:EndpointServiceId", S, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0xE1/0x03")},
        {"aws:SourceVpce", S, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0xEA/0x01")},
        {"azure:LinkId", N, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0xEE/0x01")},
        {"gcp:PscConnectionId", N, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0xE0")},
        {"acs:SourceVpc", S, T, "acs",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "= alibaba:SourceVpc")},
        {"acs:SourceIp", I, T, "acs", QT_TRANSLATE_NOOP("pl::policy::PolicyText", "= pp:SourceIp")},
        {"acs:AccessId", S, U, "acs",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "AccessKey ID of the caller")},
        {"acs:SecureTransport", B, U, "acs",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "request over HTTPS")},
        {"acs:CurrentTime", D, U, "acs",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "time of the request")},
        {"acs:MFAPresent", B, U, "acs",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "MFA was used")},
        {"acs:PrincipalARN", S, U, "acs",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "caller's ARN")},
        {"aws:SourceIp", I, U, "aws",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "caller's address")},
        {"aws:SourceVpc", S, U, "aws",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "VPC of the caller")},
        {"aws:PrincipalAccount", S, U, "aws",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "caller's account")},
        {"aws:PrincipalArn", S, U, "aws",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "caller's ARN")},
        {"aws:PrincipalOrgID", S, U, "aws",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "caller's organization")},
        {"aws:SecureTransport", B, U, "aws",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "request over TLS")},
        {"aws:CurrentTime", D, U, "aws",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "time of the request")},
        {"aws:userid", S, U, "aws",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "caller's user ID")},
        {"aws:username", S, U, "aws",
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "caller's user name")},
        {"conn:PeerIp", I, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "who really connected (the load balancer)")},
        {"conn:PeerPort", N, T, nullptr, QT_TRANSLATE_NOOP("pl::policy::PolicyText", "peer port")},
        {"conn:LocalPort", N, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "local (listener) port")},
        {"http:Method", S, T, nullptr, QT_TRANSLATE_NOOP("pl::policy::PolicyText", "HTTP method")},
        {"http:Path", S, T, nullptr, QT_TRANSLATE_NOOP("pl::policy::PolicyText", "HTTP path")},
        {"http:Host", S, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "HTTP Host header")},
        {"http:UserAgent", S, T, nullptr,
         QT_TRANSLATE_NOOP("pl::policy::PolicyText", "HTTP User-Agent header")},
        {"tls:Sni", S, T, nullptr, QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLS server name")},
    };
    return keys;
}

const ContextKeyInfo *findContextKey(QStringView name)
{
    for (const ContextKeyInfo &k : contextKeys()) {
        if (asciiEqualsIgnoreCase(name, QString::fromLatin1(k.name)))
            return &k;
    }
    const QLatin1String tlv("pp:Tlv/0x");
    if (name.size() == tlv.size() + 2 &&
        asciiEqualsIgnoreCase(name.left(tlv.size()), QString(tlv))) {
        bool ok = false;
        const uint type = name.mid(tlv.size()).toUInt(&ok, 16);
        ok = ok && type <= 0xFF;
        if (ok)
            return &kTlvKey;
    }
    return nullptr;
}

QString keyTypeName(KeyType type)
{
    switch (type) {
    case KeyType::String:
        return QStringLiteral("string");
    case KeyType::Number:
        return QStringLiteral("number");
    case KeyType::Bool:
        return QStringLiteral("bool");
    case KeyType::Ip:
        return QStringLiteral("IP address");
    case KeyType::Date:
        return QStringLiteral("date");
    }
    return {};
}

} // namespace pl::policy
