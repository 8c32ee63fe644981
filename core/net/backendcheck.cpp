#include "backendcheck.h"

#include "policy/explanation.h"
#include "policy/requestbuilder.h"
#include "proxy/bytearrayspan.h"
#include "proxy/tlvtypes.h"

namespace pl::net {

using policy::PolicyRequest;

namespace {

QString first(const PolicyRequest &request, const char *key)
{
    const policy::ContextEntry *e = request.context(QLatin1String(key));
    return e && !e->values.isEmpty() ? e->values.constFirst() : QString();
}

QString firstOf(const PolicyRequest &request, std::initializer_list<const char *> keys)
{
    for (const char *key : keys) {
        const QString v = first(request, key);
        if (!v.isEmpty())
            return v;
    }
    return {};
}

} // namespace

const char *backendAnswerName(BackendCheckResult::Answer answer)
{
    switch (answer) {
    case BackendCheckResult::Answer::Allowed:
        return "allowed";
    case BackendCheckResult::Answer::Denied:
        return "denied";
    case BackendCheckResult::Answer::Error:
        break;
    }
    return "error";
}

QString unsendableValue(const PolicyRequest &request)
{
    const auto number = [&](const char *key, quint64 largest) -> QString {
        const QString v = first(request, key);
        bool ok = true;
        if (!v.isEmpty()) {
            const quint64 n = v.toULongLong(&ok);
            ok = ok && n <= largest;
        }
        return ok ? QString()
                  : QStringLiteral("%1 \"%2\" is no number from 0 to %3")
                        .arg(QLatin1String(key), v)
                        .arg(largest);
    };
    for (const auto &[key, largest] : {std::pair<const char *, quint64>{"pp:SourcePort", 65535},
                                       {"pp:DestinationPort", 65535},
                                       {"azure:LinkId", 0xFFFFFFFFull},
                                       {"gcp:PscConnectionId", ~0ull}}) {
        if (QString problem = number(key, largest); !problem.isEmpty())
            return problem;
    }
    for (const char *key : {"pp:SourceIp", "acs:SourceIp", "aws:SourceIp", "pp:DestinationIp"}) {
        const QString v = first(request, key);
        if (!v.isEmpty() && QHostAddress(v).isNull())
            return QStringLiteral("%1 \"%2\" is no IP address").arg(QLatin1String(key), v);
    }
    return {};
}

proxy::HeaderSpec headerSpecForRequest(const PolicyRequest &request)
{
    using namespace pl::proxy;
    HeaderSpec spec;
    spec.crc = CrcMode::Auto;
    // Documentation addresses (TEST-NET) when the case does not name them.
    const QString srcIp = firstOf(request, {"pp:SourceIp", "acs:SourceIp", "aws:SourceIp"});
    const QString dstIp = first(request, "pp:DestinationIp");
    spec.sourceAddress = QHostAddress(srcIp.isEmpty() ? QStringLiteral("192.0.2.10") : srcIp);
    spec.destinationAddress =
        QHostAddress(dstIp.isEmpty() ? QStringLiteral("198.51.100.20") : dstIp);
    if (spec.sourceAddress.protocol() != spec.destinationAddress.protocol())
        spec.destinationAddress =
            QHostAddress(spec.sourceAddress.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("::1")
                             : QStringLiteral("127.0.0.1"));
    spec.family = spec.sourceAddress.protocol() == QAbstractSocket::IPv6Protocol ? Family::Inet6
                                                                                 : Family::Inet;
    spec.transport = Transport::Stream;
    const QString srcPort = first(request, "pp:SourcePort");
    const QString dstPort = first(request, "pp:DestinationPort");
    spec.sourcePort = static_cast<quint16>(srcPort.isEmpty() ? 40000 : srcPort.toUInt());
    spec.destinationPort = static_cast<quint16>(dstPort.isEmpty() ? 80 : dstPort.toUInt());

    const auto add = [&spec](const QString &value, TlvSpec (*make)(const QByteArray &)) {
        if (!value.isEmpty())
            spec.tlvs.append(make(value.toUtf8()));
    };
    add(firstOf(request, {"alibaba:EndpointId"}), alibabaEndpointIdTlv);
    add(firstOf(request, {"alibaba:SourceVpc", "acs:SourceVpc"}), alibabaVpcIdTlv);
    add(first(request, "alibaba:EndpointServiceId"), alibabaEndpointServiceIdTlv);
    add(first(request, "aws:SourceVpce"), awsVpceIdTlv);
    if (const QString v = first(request, "azure:LinkId"); !v.isEmpty())
        spec.tlvs.append(azureLinkIdTlv(v.toUInt()));
    if (const QString v = first(request, "gcp:PscConnectionId"); !v.isEmpty())
        spec.tlvs.append(gcpPscIdTlv(v.toULongLong()));
    if (const QString v = first(request, "pp:Authority"); !v.isEmpty())
        spec.tlvs.append({tlv::Authority, v.toUtf8()});
    if (const QString v = first(request, "pp:UniqueId"); !v.isEmpty())
        spec.tlvs.append({tlv::UniqueId, v.toUtf8()});
    return spec;
}

namespace {

// The HTTP request sent for an http:<METHOD> action; nullopt for others.
std::optional<HttpTemplate> httpFor(const PolicyRequest &request, const QString &host)
{
    if (!request.action.startsWith(QLatin1String("http:"), Qt::CaseInsensitive))
        return std::nullopt;
    HttpTemplate http;
    http.method = request.action.mid(5).toUpper().toLatin1();
    http.path = request.resource.isEmpty() || request.resource == QLatin1String("*")
                    ? QByteArray("/")
                    : request.resource.toUtf8();
    const QString wantedHost = first(request, "http:Host");
    http.host = (wantedHost.isEmpty() ? host : wantedHost).toUtf8();
    return http;
}

} // namespace

QByteArray payloadForRequest(const PolicyRequest &request, const QString &host)
{
    const auto http = httpFor(request, host);
    return http ? buildHttpRequest(*http) : QByteArray();
}

PolicyRequest requestAsSent(const PolicyRequest &typed, const QByteArray &header,
                            const QString &host)
{
    policy::ConnectionFacts facts;
    if (const auto http = httpFor(typed, host)) {
        facts.httpMethod = QString::fromLatin1(http->method);
        facts.httpPath = QString::fromUtf8(http->path);
        facts.httpHost = QString::fromUtf8(http->host);
    }
    return policy::requestFromConnection(proxy::decode(proxy::byteSpan(header)), facts);
}

BackendCheck::BackendCheck(policy::PolicySet policies, QList<policy::TestCase> cases, QString host,
                           quint16 port, QObject *parent)
    : QObject(parent), m_policies(std::move(policies)), m_cases(std::move(cases)),
      m_host(std::move(host)), m_port(port), m_sender(new Sender(this))
{
    connect(m_sender, &Sender::finished, this, &BackendCheck::onSent);
}

int BackendCheck::mismatches() const
{
    int n = 0;
    for (const BackendCheckResult &r : m_results)
        n += r.match ? 0 : 1;
    return n;
}

void BackendCheck::start()
{
    m_results.clear();
    sendNext();
}

void BackendCheck::sendNext()
{
    if (m_results.size() == m_cases.size()) {
        emit finished();
        return;
    }
    const policy::TestCase &c = m_cases[m_results.size()];
    if (const QString problem = unsendableValue(c.request); !problem.isEmpty()) {
        // Sent anyway it would carry another value (a port of 70000 as
        // 4464): the case is an error of its own, nothing is sent.
        BackendCheckResult r;
        r.name = c.name;
        const policy::Verdict verdict = m_policies.evaluate(c.request);
        r.simulated = verdict.decision;
        r.simulatedReason = policy::decisionSummary(verdict.decision, verdict.decisive);
        r.observed = QStringLiteral("not sent: ") + problem;
        m_results.append(r);
        emit caseFinished(r);
        QMetaObject::invokeMethod(this, &BackendCheck::sendNext, Qt::QueuedConnection);
        return;
    }
    SendRequest request;
    request.host = m_host;
    request.port = m_port;
    request.header = headerSpecForRequest(c.request);
    request.payload = payloadForRequest(c.request, m_host);
    request.timeoutMs = 3000;
    m_sender->start(request);
}

void BackendCheck::onSent(const SendResult &sent)
{
    const policy::TestCase &c = m_cases[m_results.size()];
    BackendCheckResult r;
    r.name = c.name;
    r.headerSent = sent.headerSent;
    // Nothing went out (no connection): the case is judged as typed.
    const PolicyRequest asSent =
        sent.headerSent.isEmpty() ? c.request : requestAsSent(c.request, sent.headerSent, m_host);
    for (const policy::ContextEntry &e : c.request.contextEntries()) {
        if (!e.values.isEmpty() && !asSent.contextFolded(e.foldedKey))
            r.unsentKeys << e.key;
    }
    const policy::Verdict verdict = m_policies.evaluate(asSent);
    r.simulated = verdict.decision;
    r.simulatedReason = policy::decisionSummary(verdict.decision, verdict.decisive);
    if (const policy::Decision typed = m_policies.evaluate(c.request).decision;
        typed != r.simulated)
        r.typedDecision = typed;
    if (sent.status >= 200 && sent.status < 400) {
        r.answer = BackendCheckResult::Answer::Allowed;
        r.observed = sent.statusLine;
    } else if (sent.status == 401 || sent.status == 403) {
        r.answer = BackendCheckResult::Answer::Denied;
        r.observed = sent.statusLine;
    } else if (sent.failure == SendFailure::ClosedAfterHeader) {
        // A backend that drops a connection it does not want denies it.
        r.answer = BackendCheckResult::Answer::Denied;
        r.observed = sent.message;
    } else {
        r.answer = BackendCheckResult::Answer::Error;
        r.observed = sent.status > 0 ? sent.statusLine : sent.message;
    }
    const bool allowed = r.simulated == policy::Decision::Allow;
    r.match = r.answer != BackendCheckResult::Answer::Error &&
              allowed == (r.answer == BackendCheckResult::Answer::Allowed);
    m_results.append(r);
    emit caseFinished(r);
    sendNext();
}

} // namespace pl::net
