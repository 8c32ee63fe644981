// "Check a backend" (issue 6): each test case's header and request go to a
// real backend, whose answer is compared with the simulated decision. Against
// our own enforcing listener, and against a real nginx 1.22 that allows and
// denies by the PROXY source address.

#include "net/backendcheck.h"
#include "net/listener.h"
#include "nettestutil.h"
#include "policy/policydocument.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pl;

namespace {

policy::PolicySet policyFrom(const char *json)
{
    const policy::PolicyParse parse = policy::parsePolicy(QByteArray(json), QStringLiteral("test"));
    Q_ASSERT(parse.ok());
    return policy::PolicySet(parse.document);
}

QList<policy::TestCase> casesFrom(const char *json)
{
    const policy::TestCaseFile file = policy::parseTestCasesJson(QByteArray(json));
    Q_ASSERT(file.ok());
    return file.cases;
}

QList<net::BackendCheckResult> check(const policy::PolicySet &policies,
                                     const QList<policy::TestCase> &cases, quint16 port)
{
    net::BackendCheck run(policies, cases, QStringLiteral("127.0.0.1"), port);
    QSignalSpy done(&run, &net::BackendCheck::finished);
    run.start();
    if (!done.wait(30000))
        return {};
    return run.results();
}

// The documented scenario: /login only through the production endpoint,
// everything else only from our VPC.
constexpr char kSamplePolicy[] = R"({
  "Version": "1",
  "Statement": [
    {"Sid": "LoginOnlyThroughProdEndpoint", "Effect": "Deny", "Action": ["http:*"],
     "Resource": ["/login*"],
     "Condition": {"StringNotEquals": {"alibaba:EndpointId": ["ep-bp1i288487e586152d4b"]}}},
    {"Sid": "OnlyFromOurVpc", "Effect": "Allow", "Action": "*", "Resource": "*",
     "Condition": {"StringEquals": {"acs:SourceVpc": "vpc-bp179qeke0wzo1mr8bxhl"}}}
  ]
})";

constexpr char kSampleCases[] = R"([
  {"name": "login via prod endpoint", "expect": "Allow",
   "request": {"action": "http:GET", "resource": "/login",
               "context": {"alibaba:EndpointId": "ep-bp1i288487e586152d4b",
                           "acs:SourceVpc": "vpc-bp179qeke0wzo1mr8bxhl"}}},
  {"name": "login via another endpoint", "expect": "ExplicitDeny",
   "request": {"action": "http:GET", "resource": "/login",
               "context": {"alibaba:EndpointId": "ep-other",
                           "acs:SourceVpc": "vpc-bp179qeke0wzo1mr8bxhl"}}},
  {"name": "other VPC", "expect": "ImplicitDeny",
   "request": {"action": "http:GET", "resource": "/",
               "context": {"alibaba:EndpointId": "ep-bp1i288487e586152d4b",
                           "acs:SourceVpc": "vpc-foreign"}}}
])";

} // namespace

class TestBackendCheck : public QObject
{
    Q_OBJECT

private slots:
    void headerCarriesTheCaseKeys();
    void againstOurEnforcingListener();
    void judgesWhatWasSentNotWhatWasTyped();
    void againstNginxAllowDenyBySourceAddress();
    void cliReportsMismatchesWithExitOne();
};

void TestBackendCheck::headerCarriesTheCaseKeys()
{
    const QList<policy::TestCase> cases = casesFrom(kSampleCases);
    const proxy::HeaderSpec spec = net::headerSpecForRequest(cases[1].request);
    QCOMPARE(spec.tlvs.size(), 2);
    QCOMPARE(spec.tlvs[0].value, QByteArray("\x02"
                                            "ep-other"));
    QCOMPARE(spec.tlvs[1].value, QByteArray("\x01"
                                            "vpc-bp179qeke0wzo1mr8bxhl"));
    QCOMPARE(spec.crc, proxy::CrcMode::Auto);
    QVERIFY(net::payloadForRequest(cases[1].request, QStringLiteral("h"))
                .startsWith("GET /login HTTP/1.1\r\n"));
}

void TestBackendCheck::againstOurEnforcingListener()
{
    const policy::PolicySet policies = policyFrom(kSamplePolicy);
    net::Listener listener;
    net::ListenerConfig config;
    config.udp = false;
    config.accessPolicy = std::make_shared<const policy::PolicySet>(policies);
    QVERIFY(listener.start(config));

    const QList<net::BackendCheckResult> same =
        check(policies, casesFrom(kSampleCases), listener.port());
    QCOMPARE(same.size(), 3);
    for (const net::BackendCheckResult &r : same)
        QVERIFY2(r.match, qPrintable(r.name + QStringLiteral(": ") + r.observed));
    QCOMPARE(same[1].observed, QStringLiteral("HTTP/1.1 403 Forbidden"));

    // A backend that enforces something else: the check finds the cases
    // where it disagrees with the policy under review.
    const policy::PolicySet allowAll = policyFrom(
        R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})");
    const QList<net::BackendCheckResult> other =
        check(allowAll, casesFrom(kSampleCases), listener.port());
    QCOMPARE(other.size(), 3);
    QCOMPARE(other[0].match, true);
    QCOMPARE(other[1].match, false); // simulated Allow, backend 403
    QCOMPARE(other[2].match, false);
    QCOMPARE(other[1].answer, net::BackendCheckResult::Answer::Denied);
}

// A case may name keys no header carries (a time, the load balancer's own
// address): the backend never sees them, so the check judges the request as
// sent, and says what the case as typed would have been.
void TestBackendCheck::judgesWhatWasSentNotWhatWasTyped()
{
    const policy::PolicySet policies = policyFrom(R"({"Version": "1", "Statement": [
      {"Sid": "OurVpc", "Effect": "Allow", "Action": "*", "Resource": "*",
       "Condition": {"StringEquals": {"acs:SourceVpc": "vpc-ours"}}},
      {"Sid": "NotAfterTheMigration", "Effect": "Deny", "Action": "*", "Resource": "*",
       "Condition": {"DateGreaterThan": {"acs:CurrentTime": "2030-01-01T00:00:00Z"}}}]})");
    net::Listener listener;
    net::ListenerConfig config;
    config.udp = false;
    config.accessPolicy = std::make_shared<const policy::PolicySet>(policies);
    QVERIFY(listener.start(config));

    const QList<net::BackendCheckResult> results = check(policies, casesFrom(R"([
      {"name": "after the migration", "expect": "ExplicitDeny",
       "request": {"action": "http:GET", "resource": "/",
                   "context": {"acs:SourceVpc": "vpc-ours", "acs:CurrentTime": "2031-05-05T00:00:00Z"}}},
      {"name": "before it", "expect": "Allow",
       "request": {"action": "http:GET", "resource": "/",
                   "context": {"acs:SourceVpc": "vpc-ours", "acs:CurrentTime": "2029-05-05T00:00:00Z"}}}
    ])"),
                                                         listener.port());
    QCOMPARE(results.size(), 2);
    // The listener judges the header with its own clock: before 2030, Allow.
    // As sent, the time is not in the request: the simulator agrees.
    for (const net::BackendCheckResult &r : results) {
        QVERIFY2(r.match, qPrintable(r.name + QStringLiteral(": ") + r.observed));
        QCOMPARE(r.simulated, policy::Decision::Allow);
        QCOMPARE(r.unsentKeys, QStringList{QStringLiteral("acs:CurrentTime")});
    }
    QCOMPARE(results[0].typedDecision, std::optional(policy::Decision::ExplicitDeny));
    QVERIFY(!results[1].typedDecision.has_value());

    // Values no header can carry as written are an error of their own (a
    // port of 70000 went out as 4464): nothing is sent, the check goes on.
    const QList<net::BackendCheckResult> bad = check(policies, casesFrom(R"([
      {"name": "port 70000", "expect": "Allow",
       "request": {"action": "http:GET", "resource": "/",
                   "context": {"acs:SourceVpc": "vpc-ours", "pp:SourcePort": "70000"}}},
      {"name": "no address", "expect": "Allow",
       "request": {"action": "http:GET", "resource": "/",
                   "context": {"acs:SourceVpc": "vpc-ours", "pp:SourceIp": "10.0.0.300"}}},
      {"name": "fine", "expect": "Allow",
       "request": {"action": "http:GET", "resource": "/", "context": {"acs:SourceVpc": "vpc-ours"}}}
    ])"),
                                                     listener.port());
    QCOMPARE(bad.size(), 3);
    QCOMPARE(bad[0].answer, net::BackendCheckResult::Answer::Error);
    QVERIFY(!bad[0].match);
    QVERIFY2(bad[0].observed.contains(QStringLiteral("pp:SourcePort \"70000\"")),
             qPrintable(bad[0].observed));
    QVERIFY(bad[0].headerSent.isEmpty());
    QCOMPARE(bad[1].answer, net::BackendCheckResult::Answer::Error);
    QVERIFY(bad[1].observed.contains(QStringLiteral("10.0.0.300")));
    QVERIFY(bad[2].match);

    // No backend listening: nothing went out, so nothing is listed as unsent
    // and the case is judged as typed.
    const QList<net::BackendCheckResult> refused = check(policies, casesFrom(R"([
      {"name": "after the migration", "expect": "ExplicitDeny",
       "request": {"action": "http:GET", "resource": "/",
                   "context": {"acs:SourceVpc": "vpc-ours", "acs:CurrentTime": "2031-05-05T00:00:00Z"}}}
    ])"),
                                                         nettest::freePort());
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused[0].answer, net::BackendCheckResult::Answer::Error);
    QVERIFY(refused[0].unsentKeys.isEmpty());
    QCOMPARE(refused[0].simulated, policy::Decision::ExplicitDeny);
}

void TestBackendCheck::againstNginxAllowDenyBySourceAddress()
{
    const QString nginx = nettest::findBinary(QStringLiteral("nginx"));
    if (nginx.isEmpty())
        QSKIP("nginx is not installed (scripts/deps test installs nginx 1.22)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const quint16 port = nettest::freePort();
    const QString prefix = dir.path() + QLatin1Char('/');
    // nginx trusts the PROXY source from 127.0.0.1 and allows 10.0.0.0/24 only.
    // A static file, not `return`: return runs before the access phase, so
    // allow/deny would never be consulted.
    QVERIFY(QDir(prefix).mkpath(QStringLiteral("www")));
    QVERIFY(nettest::writeFile(prefix + QStringLiteral("www/index.html"), "ok\n"));
    const QString conf =
        QStringLiteral("daemon off;\nmaster_process off;\npid %1nginx.pid;\n"
                       "error_log %1error.log info;\nevents { worker_connections 64; }\n"
                       "http {\n  access_log off;\n  client_body_temp_path %1body;\n"
                       "  proxy_temp_path %1proxy;\n  fastcgi_temp_path %1fastcgi;\n"
                       "  uwsgi_temp_path %1uwsgi;\n  scgi_temp_path %1scgi;\n"
                       "  server {\n    listen 127.0.0.1:%2 proxy_protocol;\n"
                       "    set_real_ip_from 127.0.0.1;\n    real_ip_header proxy_protocol;\n"
                       "    allow 10.0.0.0/24;\n    deny all;\n"
                       "    root %1www;\n  }\n}\n")
            .arg(prefix)
            .arg(port);
    const QString confPath = dir.filePath(QStringLiteral("nginx.conf"));
    QVERIFY(nettest::writeFile(confPath, conf.toUtf8()));
    const QStringList args{QStringLiteral("-p"), prefix,
                           QStringLiteral("-e"), prefix + QStringLiteral("error.log"),
                           QStringLiteral("-c"), confPath};
    nettest::Daemon daemon;
    QVERIFY(daemon.start(nginx, args));
    QVERIFY2(nettest::waitForPort(port), daemon.output().constData());

    const char *cases = R"([
      {"name": "inside 10.0.0.0/24", "expect": "Allow",
       "request": {"action": "http:GET", "resource": "/", "context": {"pp:SourceIp": "10.0.0.5"}}},
      {"name": "outside", "expect": "Deny",
       "request": {"action": "http:GET", "resource": "/", "context": {"pp:SourceIp": "192.168.7.7"}}},
      {"name": "edge of the range", "expect": "Allow",
       "request": {"action": "http:GET", "resource": "/", "context": {"pp:SourceIp": "10.0.0.255"}}}
    ])";
    const policy::PolicySet matching = policyFrom(R"({"Version": "1", "Statement": [
      {"Sid": "OnlyOurSubnet", "Effect": "Allow", "Action": "*", "Resource": "*",
       "Condition": {"IpAddress": {"pp:SourceIp": "10.0.0.0/24"}}}]})");
    const QList<net::BackendCheckResult> results = check(matching, casesFrom(cases), port);
    QCOMPARE(results.size(), 3);
    for (const net::BackendCheckResult &r : results)
        QVERIFY2(r.match, qPrintable(r.name + QStringLiteral(": ") + r.observed));
    QCOMPARE(results[1].observed, QStringLiteral("HTTP/1.1 403 Forbidden"));

    // A policy that is wider than what nginx enforces: the mismatch is found.
    const policy::PolicySet wider = policyFrom(R"({"Version": "1", "Statement": [
      {"Effect": "Allow", "Action": "*", "Resource": "*",
       "Condition": {"IpAddress": {"pp:SourceIp": ["10.0.0.0/24", "192.168.0.0/16"]}}}]})");
    const QList<net::BackendCheckResult> wide = check(wider, casesFrom(cases), port);
    QCOMPARE(wide.size(), 3);
    QCOMPARE(wide[1].match, false);
    QCOMPARE(wide[1].simulated, policy::Decision::Allow);
    daemon.stop();
}

void TestBackendCheck::cliReportsMismatchesWithExitOne()
{
    net::Listener listener;
    net::ListenerConfig config;
    config.udp = false;
    config.accessPolicy = std::make_shared<const policy::PolicySet>(policyFrom(kSamplePolicy));
    QVERIFY(listener.start(config));
    QTemporaryDir dir;
    const QString policyPath = dir.filePath(QStringLiteral("p.json"));
    const QString casesPath = dir.filePath(QStringLiteral("cases.json"));
    QVERIFY(nettest::writeFile(policyPath, kSamplePolicy));
    QVERIFY(nettest::writeFile(casesPath, kSampleCases));
    const auto run = [&](const QString &policyFile) -> std::pair<int, QByteArray> {
        QProcess p;
        p.start(QStringLiteral(PL_PLINSPECT),
                {QStringLiteral("policy"), QStringLiteral("check"), policyFile, casesPath,
                 QStringLiteral("--backend"), QStringLiteral("127.0.0.1:%1").arg(listener.port())});
        // The listener lives on this thread's event loop: keep it turning.
        for (int i = 0; i < 2000 && p.state() != QProcess::NotRunning; ++i)
            QTest::qWait(10);
        return std::make_pair(p.exitCode(), p.readAllStandardOutput());
    };
    const auto [agreeCode, agreeOut] = run(policyPath);
    QCOMPARE(agreeCode, 0);
    QVERIFY(agreeOut.contains("3 agree, 0 mismatch(es)"));
    const QString allowAll = dir.filePath(QStringLiteral("all.json"));
    QVERIFY(nettest::writeFile(
        allowAll,
        R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})"));
    const auto [mismatchCode, mismatchOut] = run(allowAll);
    QCOMPARE(mismatchCode, 1);
    QVERIFY(
        mismatchOut.contains("MISMATCH login via another endpoint: policy Allow, backend denied"));
}

QTEST_GUILESS_MAIN(TestBackendCheck)
#include "tst_backendcheck.moc"
