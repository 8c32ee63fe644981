#pragma once

#include "policy/testcases.h"
#include "sender.h"

#include <QObject>

namespace pl::net {

// What the backend did with one test case, against what the policy says.
struct BackendCheckResult
{
    QString name;
    policy::Decision simulated = policy::Decision::ImplicitDeny;
    QString simulatedReason;
    enum class Answer : std::uint8_t
    {
        Allowed,
        Denied,
        Error
    } answer = Answer::Error;
    QString observed; // "HTTP/1.1 403 Forbidden", "closed right after the header", ...
    bool match = false;
    QByteArray headerSent;
    // The case's keys that no header or request carries (acs:CurrentTime,
    // conn:*): the backend never sees them, so the simulated decision is the
    // one of the request as sent, and typedDecision says how the case as
    // typed would have been judged when that differs.
    QStringList unsentKeys;
    std::optional<policy::Decision> typedDecision;
};

const char *backendAnswerName(BackendCheckResult::Answer answer); // "allowed", "denied", "error"

// The PROXY header a load balancer would send for a request: pp:SourceIp /
// pp:SourcePort (or acs:SourceIp), destination keys, Alibaba VPC / endpoint
// / endpoint service IDs, AWS VPCE, Azure LinkID, GCP PSC ID, AUTHORITY and
// UNIQUE_ID from the request's context keys; CRC32C included.
proxy::HeaderSpec headerSpecForRequest(const policy::PolicyRequest &request);
// Why a request's value cannot go into a header as written (a port of
// 70000, an address that is none), or empty.
QString unsendableValue(const policy::PolicyRequest &request);
// The bytes after the header: an HTTP request for http:<METHOD> actions
// (path = resource), nothing for tcp:Connect.
QByteArray payloadForRequest(const policy::PolicyRequest &request, const QString &host);
// The request a backend judges: the header bytes sent, decoded as a capture
// decodes them, and the HTTP request sent after them.
policy::PolicyRequest requestAsSent(const policy::PolicyRequest &typed, const QByteArray &header,
                                    const QString &host);

// "Check a backend": for every test case, send the matching header and
// request to a real backend, and compare its answer (2xx/3xx = allowed,
// 401/403 or a close after the header = denied) with the simulated decision
// on what was sent (requestAsSent).
// Mismatches are the finding. Cases run one after another.
class BackendCheck : public QObject
{
    Q_OBJECT

public:
    BackendCheck(policy::PolicySet policies, QList<policy::TestCase> cases, QString host,
                 quint16 port, QObject *parent = nullptr);
    void start();
    const QList<BackendCheckResult> &results() const { return m_results; }
    int mismatches() const;

signals:
    void caseFinished(const pl::net::BackendCheckResult &result);
    void finished();

private:
    void sendNext();
    void onSent(const SendResult &result);

    policy::PolicySet m_policies;
    QList<policy::TestCase> m_cases;
    QString m_host;
    quint16 m_port;
    Sender *m_sender;
    QList<BackendCheckResult> m_results;
};

} // namespace pl::net
