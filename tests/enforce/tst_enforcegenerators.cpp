// Issue 15: what each target refuses (with the policy line and why), what
// the generated files say about each statement, and the CLI around it.

#include "../net/nettestutil.h"
#include "enforcetestutil.h"

#include <QTemporaryDir>

using namespace pl;
using namespace enforcetest;

namespace {

enforce::EnforceResult generate(const QString &target, const policy::PolicyDocument &document,
                                bool httpOnly = false)
{
    enforce::EnforceOptions options;
    options.httpOnly = httpOnly;
    return enforce::generatorFor(target)->generate(document, options);
}

QString refusalText(const enforce::EnforceResult &result)
{
    QStringList lines;
    for (const enforce::Refusal &r : result.refusals)
        lines
            << QStringLiteral("%1:%2 %3: %4").arg(r.line).arg(r.column).arg(r.statement, r.reason);
    return lines.join(QLatin1Char('\n'));
}

QByteArray allFiles(const enforce::EnforceResult &result)
{
    QByteArray all;
    for (const enforce::GeneratedFile &f : result.files)
        all += f.content;
    return all;
}

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun plinspect(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(PL_PLINSPECT), args);
    CliRun r;
    if (!p.waitForFinished(30000))
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class TestEnforceGenerators : public QObject
{
    Q_OBJECT

private slots:
    void refusesWithTheLine_data();
    void refusesWithTheLine();
    void httpOnlyAcceptsWhatSilentClientsCannotReach();
    void commentsNameEveryStatementLine_data();
    void commentsNameEveryStatementLine();
    void sidCannotEscapeItsComment();
    void haproxyValuesAreNeverFlags();
    void cliExportsOrRefuses();
    void cliSavesAllFilesOrNone();
    void nativeTlvTargets_data();
    void nativeTlvTargets();
};

void TestEnforceGenerators::refusesWithTheLine_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QStringList>("expected"); // "line:column|fragment" each, in any order
    const QString principal = QStringLiteral("16:7|never sees the caller's principal");
    const QString vpcKey = QStringLiteral(
        "9:21|acs:SourceVpc: nginx 1.22 and HAProxy 2.6 expose no TLV values; the VPC ID "
        "travels in the second 0xE1 TLV");
    for (const char *t : {"nginx-njs", "openresty"}) {
        QTest::addRow("%s, account-only-from-vpc: Principal", t)
            << QString::fromLatin1(t) << templatePath(QStringLiteral("account-only-from-vpc.json"))
            << QStringList{principal};
    }
    for (const char *t : {"nginx-realip", "haproxy"}) {
        QTest::addRow("%s, account-only-from-vpc: Principal and the VPC ID", t)
            << QString::fromLatin1(t) << templatePath(QStringLiteral("account-only-from-vpc.json"))
            << QStringList{principal, vpcKey};
    }
    QTest::newRow("nginx-njs, login-only: silent clients")
        << "nginx-njs" << templatePath(QStringLiteral("login-only-through-endpoint.json"))
        << QStringList{"14:7|pass --http-only"};
    QTest::newRow("nginx-realip, login-only: path and TLV key")
        << "nginx-realip" << templatePath(QStringLiteral("login-only-through-endpoint.json"))
        << QStringList{"8:7|cannot see paths",
                       "9:21|alibaba:EndpointId: nginx 1.22 and HAProxy 2.6 expose no TLV values; "
                       "the endpoint ID is the first 0xE1 TLV"};
    QTest::newRow("haproxy, writes-only-from-vpc: actions and the VPC ID")
        << "haproxy" << templatePath(QStringLiteral("writes-only-from-vpc.json"))
        << QStringList{"7:7|cannot tell actions apart", vpcKey};
    QTest::newRow("haproxy, header keys: vendor keys and numbers")
        << "haproxy" << dataPath(QStringLiteral("header-keys.json"))
        << QStringList{"9:21|acs:SourceVpc",
                       "24:9|alibaba:EndpointId: ", "34:9|alibaba:EndpointServiceId",
                       "35:9|pp:SourcePort: this target sees"};
}

void TestEnforceGenerators::refusesWithTheLine()
{
    QFETCH(QString, target);
    QFETCH(QString, policy);
    QFETCH(QStringList, expected);
    const enforce::EnforceResult result = generate(target, loadPolicy(policy));
    QVERIFY(!result.ok());
    QVERIFY(result.files.isEmpty()); // nothing half-enforced
    const QString text = refusalText(result);
    QCOMPARE(result.refusals.size(), expected.size());
    for (const QString &e : expected) {
        const QString where = e.section(QLatin1Char('|'), 0, 0);
        const QString what = e.section(QLatin1Char('|'), 1);
        bool found = false;
        for (const enforce::Refusal &r : result.refusals)
            found = found || (QStringLiteral("%1:%2").arg(r.line).arg(r.column) == where &&
                              r.reason.contains(what));
        QVERIFY2(found, qPrintable(QStringLiteral("want %1 in:\n%2").arg(e, text)));
    }
}

void TestEnforceGenerators::httpOnlyAcceptsWhatSilentClientsCannotReach()
{
    const policy::PolicyDocument doc =
        loadPolicy(templatePath(QStringLiteral("login-only-through-endpoint.json")));
    const enforce::EnforceResult result = generate(QStringLiteral("nginx-njs"), doc, true);
    QVERIFY2(result.ok(), qPrintable(refusalText(result)));
    QCOMPARE(result.notes.size(), 1);
    QVERIFY(result.notes.first().contains(QStringLiteral("line 11, Allow EverythingElse")));
    // The note is in the configuration too, for whoever reads it later.
    QVERIFY(result.files.first().content.contains("# Note: line 11, Allow EverythingElse"));
}

void TestEnforceGenerators::commentsNameEveryStatementLine_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QList<int>>("lines");
    QTest::newRow("nginx-njs") << "nginx-njs" << dataPath(QStringLiteral("header-keys.json"))
                               << QList<int>{4, 11, 18, 28};
    QTest::newRow("openresty") << "openresty" << dataPath(QStringLiteral("http-keys.json"))
                               << QList<int>{4, 11, 17};
    QTest::newRow("nginx-realip") << "nginx-realip" << dataPath(QStringLiteral("address-only.json"))
                                  << QList<int>{4, 11, 18};
    QTest::newRow("haproxy") << "haproxy" << dataPath(QStringLiteral("address-authority.json"))
                             << QList<int>{4, 11, 18};
}

void TestEnforceGenerators::commentsNameEveryStatementLine()
{
    QFETCH(QString, target);
    QFETCH(QString, policy);
    QFETCH(QList<int>, lines);
    const policy::PolicyDocument doc = loadPolicy(policy);
    const enforce::EnforceResult result = generate(target, doc, true);
    QVERIFY2(result.ok(), qPrintable(refusalText(result)));
    QCOMPARE(doc.statements.size(), lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray summary =
            QStringLiteral("line %1, %2 %3")
                .arg(lines.at(i))
                .arg(QLatin1String(policy::effectName(doc.statements.at(i).effect)),
                     doc.statements.at(i).sid)
                .toUtf8();
        // In the overview and again next to the statement's own rules.
        QVERIFY2(result.files.first().content.count(summary) >= 1, summary.constData());
        QVERIFY2(allFiles(result).count(summary) >= 2, summary.constData());
    }
    if (target == QLatin1String("openresty"))
        QVERIFY(allFiles(result).contains("UNTESTED HERE"));
    // StringLike ends at the very end of the value: `$` also matched before
    // a final newline.
    if (target == QLatin1String("haproxy"))
        QVERIFY2(allFiles(result).contains(R"(fc_pp_unique_id -m reg -- ^trusted-[\s\S]*\z)"),
                 allFiles(result).constData());
}

void TestEnforceGenerators::sidCannotEscapeItsComment()
{
    const QByteArray json =
        R"({"Version": "1", "Statement": [{"Sid": "x\nreturn 1; -- \r\nevil", "Effect": "Allow",
            "Action": "*", "Resource": "*",
            "Condition": {"IpAddress": {"pp:SourceIp": "10.0.0.0/8"}}}]})";
    const policy::PolicyParse parse = policy::parsePolicy(json, QStringLiteral("sid.json"));
    QVERIFY(parse.ok());
    for (const QString &target : enforce::targetNames()) {
        const enforce::EnforceResult result = generate(target, parse.document);
        QVERIFY2(result.ok(), qPrintable(target + refusalText(result)));
        for (const enforce::GeneratedFile &f : result.files) {
            for (const QByteArray &line : f.content.split('\n'))
                QVERIFY2(!line.trimmed().startsWith("return 1;") &&
                             !line.trimmed().startsWith("evil"),
                         qPrintable(target + QLatin1Char(' ') + f.name));
        }
    }
}

void TestEnforceGenerators::haproxyValuesAreNeverFlags()
{
    // An authority "-i" or "-f" is a pattern: without "--" HAProxy read it
    // as a flag, which emptied the Deny's ACL (or broke the file).
    const QByteArray json =
        R"({"Version": "1", "Statement": [
            {"Effect": "Deny", "Action": "*", "Resource": "*",
             "Condition": {"StringEquals": {"pp:Authority": ["-i", "-f", "-m"]}}},
            {"Effect": "Allow", "Action": "*", "Resource": "*"}]})";
    const policy::PolicyParse parse = policy::parsePolicy(json, QStringLiteral("flags.json"));
    QVERIFY(parse.ok());
    for (const char *target : {"haproxy", "haproxy-tlv"}) {
        const enforce::EnforceResult result = generate(QLatin1String(target), parse.document);
        QVERIFY2(result.ok(), qPrintable(QLatin1String(target) + refusalText(result)));
        const QByteArray conf = allFiles(result);
        QVERIFY2(conf.contains("fc_pp_authority -m str -- -i -f -m\n"), conf.constData());
    }
    const QString haproxy = nettest::findBinary(QStringLiteral("haproxy"));
    if (haproxy.isEmpty())
        QSKIP("haproxy is not installed (scripts/deps test installs HAProxy 2.6)");
    QTemporaryDir dir;
    const QString cfg = dir.filePath(QStringLiteral("haproxy.cfg"));
    QVERIFY(nettest::writeFile(cfg, allFiles(generate(QStringLiteral("haproxy"), parse.document))));
    QByteArray log;
    QVERIFY2(nettest::run(haproxy, {QStringLiteral("-c"), QStringLiteral("-f"), cfg}, &log),
             log.constData());
}

void TestEnforceGenerators::cliExportsOrRefuses()
{
    const QString policy = templatePath(QStringLiteral("login-only-through-endpoint.json"));
    // Refused: exit 1, each refusal with file:line:column, nothing written.
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("conf"));
    CliRun r = plinspect({QStringLiteral("policy"), QStringLiteral("export"), policy,
                          QStringLiteral("--target"), QStringLiteral("haproxy"),
                          QStringLiteral("--out"), out});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("login-only-through-endpoint.json:9:21: LoginOnlyThroughEndpoint: "
                           "alibaba:EndpointId"));
    QVERIFY(!QFileInfo::exists(out));
    // Accepted: the files land in --out, with the ports asked for.
    r = plinspect({QStringLiteral("policy"), QStringLiteral("export"), policy,
                   QStringLiteral("--target"), QStringLiteral("nginx-njs"),
                   QStringLiteral("--http-only"), QStringLiteral("--listen"),
                   QStringLiteral("127.0.0.1:18443"), QStringLiteral("--upstream"),
                   QStringLiteral("127.0.0.1:18080"), QStringLiteral("--out"), out});
    QCOMPARE(r.exitCode, 0);
    QFile conf(out + QStringLiteral("/nginx.conf"));
    QVERIFY(conf.open(QIODevice::ReadOnly));
    const QByteArray text = conf.readAll();
    QVERIFY(text.contains("listen 127.0.0.1:18443;"));
    QVERIFY(text.contains("proxy_pass 127.0.0.1:18080;"));
    QVERIFY(QFileInfo::exists(out + QStringLiteral("/plinspect-policy.js")));
    // Without --out: printed, one header line per file.
    r = plinspect({QStringLiteral("policy"), QStringLiteral("export"),
                   dataPath(QStringLiteral("address-only.json")), QStringLiteral("--target"),
                   QStringLiteral("haproxy")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("# Generated by plinspect policy export --target haproxy"));
    QVERIFY(r.out.contains("bind 0.0.0.0:8443 accept-proxy"));
    // Usage errors: exit 2.
    r = plinspect({QStringLiteral("policy"), QStringLiteral("export"), policy,
                   QStringLiteral("--target"), QStringLiteral("apache")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("nginx-njs|openresty|nginx-realip|haproxy"));
}

// nginx.conf loads plinspect-policy.js: a new configuration beside an old
// script (or none) would enforce something else. When one file cannot be
// saved, neither is changed.
void TestEnforceGenerators::cliSavesAllFilesOrNone()
{
    const QString policy = templatePath(QStringLiteral("login-only-through-endpoint.json"));
    QTemporaryDir dir;
    const QString out = dir.path();
    QVERIFY(nettest::writeFile(out + QStringLiteral("/nginx.conf"), "# the running one\n"));
    // The script's name is taken by a directory: it cannot be saved.
    QVERIFY(QDir(out).mkdir(QStringLiteral("plinspect-policy.js")));
    CliRun r = plinspect({QStringLiteral("policy"), QStringLiteral("export"), policy,
                          QStringLiteral("--target"), QStringLiteral("nginx-njs"),
                          QStringLiteral("--http-only"), QStringLiteral("--out"), out});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("plinspect-policy.js: ") && r.err.contains("no file was changed"),
             r.err.constData());
    QFile conf(out + QStringLiteral("/nginx.conf"));
    QVERIFY(conf.open(QIODevice::ReadOnly));
    QCOMPARE(conf.readAll(), QByteArray("# the running one\n"));
    // No temporary copies are left behind.
    QCOMPARE(QDir(out).entryList(QDir::Files), QStringList{QStringLiteral("nginx.conf")});
}

// Issue 15 target 4: nginx >= 1.23.2 / HAProxy >= 2.9 native TLV variables
// return only the first TLV of a type. Policies are inline, one condition
// operator per line, so the refusal's line is known.
void TestEnforceGenerators::nativeTlvTargets_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("refused");        // "line|fragment"; empty: accepted
    QTest::addColumn<QList<QByteArray>>("contains"); // in the generated file when accepted
    const QByteArray head = R"({"Version": "1", "Statement": [)"
                            "\n";
    const QByteArray stmt = R"({"Sid": "S%1", "Effect": "Allow", "Action": "*", )"
                            R"("Resource": "*", "Condition": {)"
                            "\n";
    auto policy = [&](const QList<QByteArray> &conditions) -> QByteArray {
        QByteArray out = head;
        for (qsizetype i = 0; i < conditions.size(); ++i) {
            out += QByteArray(stmt).replace("%1", QByteArray::number(i)) + conditions.at(i) + "}}" +
                   (i + 1 < conditions.size() ? "," : "") + "\n";
        }
        return out + "]}\n";
    };
    // Lines: 1 head, then 2 per statement; the condition is on line 3, 5, 7...
    const QByteArray ep = R"("StringEquals": {"alibaba:EndpointId": ["ep-abc", "ep-def"]})";
    const QByteArray vpce = R"("StringEquals": {"aws:SourceVpce": "vpce-0123"})";
    const QByteArray auth = R"("StringNotEquals": {"pp:Authority": "svc.example"})";
    const QByteArray addr = R"("IpAddress": {"pp:SourceIp": "10.0.0.0/8"})";
    const QByteArray vpc = R"("StringEquals": {"alibaba:SourceVpc": "vpc-1"})";
    const QByteArray acsVpc = R"("StringEquals": {"acs:SourceVpc": "vpc-1"})";
    const QByteArray eps = R"("StringEquals": {"alibaba:EndpointServiceId": "epsrv-1"})";
    const QByteArray port = R"("NumericEquals": {"pp:SourcePort": "443"})";
    const QByteArray like = R"("StringLike": {"alibaba:EndpointId": "ep-*"})";
    const QByteArray reachable = policy({ep, vpce, auth, addr});

    QTest::newRow("nginx-tlv, reachable keys")
        << "nginx-tlv" << reachable << QStringList{}
        << QList<QByteArray>{"map $proxy_protocol_tlv_0xe1 $pl_s0_c0",
                             R"("~^\x02(?:ep-abc|ep-def)\z" 1;)",
                             "map $proxy_protocol_tlv_0xea $pl_s1_c0",
                             R"("~^\x01(?:vpce-0123)\z" 1;)",
                             "map $proxy_protocol_tlv_authority $pl_s2_c0",
                             R"("~^(?:svc\.example)\z" 1;)",
                             "geo $proxy_protocol_addr $pl_s3_c0",
                             "10.0.0.0/8 1;",
                             "listen 0.0.0.0:8443 proxy_protocol;",
                             "nginx >= 1.23.2",
                             "UNTESTED HERE",
                             "Debian 12\n# ships nginx 1.22"};
    QTest::newRow("haproxy-tlv, reachable keys")
        << "haproxy-tlv" << reachable << QStringList{}
        << QList<QByteArray>{// 0x02 + "ep-abc" / "ep-def", 0x01 + "vpce-0123", as hex
                             "acl pl_s0_c0 fc_pp_tlv(0xE1),hex -m str 0265702D616263 "
                             "0265702D646566\n",
                             "acl pl_s1_c0 fc_pp_tlv(0xEA),hex -m str 01767063652D30313233\n",
                             "acl pl_s2_c0 fc_pp_authority -m str -- svc.example\n",
                             "acl pl_s3_c0_v4 src 10.0.0.0/8\n",
                             "tcp-request session reject unless pl_s0_c0 || pl_s1_c0 || "
                             "!pl_s2_c0 || pl_s3_c0",
                             "HAProxy >= 2.9",
                             "UNTESTED HERE",
                             "Debian 12 ships HAProxy 2.6"};
    QTest::newRow("nginx-tlv, StringLike on the endpoint ID")
        << "nginx-tlv" << policy({like}) << QStringList{}
        << QList<QByteArray>{R"("~^\x02(?:ep-[\s\S]*)\z" 1;)"};
    QTest::newRow("haproxy-tlv, StringLike on the endpoint ID")
        << "haproxy-tlv" << policy({like}) << QStringList{"3|alibaba:EndpointId"}
        << QList<QByteArray>{};
    for (const char *t : {"nginx-tlv", "haproxy-tlv"}) {
        QTest::addRow("%s, endpoint ID mixed with the VPC ID", t)
            << QString::fromLatin1(t) << policy({ep, vpc})
            << QStringList{"5|alibaba:SourceVpc: not reachable with",
                           "5|the VPC ID travels in the second 0xE1 TLV (the endpoint ID TLV "
                           "comes first)"}
            << QList<QByteArray>{};
        QTest::addRow("%s, acs:SourceVpc", t)
            << QString::fromLatin1(t) << policy({acsVpc, vpce})
            << QStringList{"3|acs:SourceVpc: not reachable"} << QList<QByteArray>{};
        QTest::addRow("%s, endpoint service ID and a port", t)
            << QString::fromLatin1(t) << policy({eps, addr, port})
            << QStringList{"3|alibaba:EndpointServiceId: not reachable",
                           "3|only the first TLV of a type", "7|pp:SourcePort: this target sees"}
            << QList<QByteArray>{};
    }
}

void TestEnforceGenerators::nativeTlvTargets()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, json);
    QFETCH(QStringList, refused);
    QFETCH(QList<QByteArray>, contains);
    const policy::PolicyParse parse = policy::parsePolicy(json, QStringLiteral("tlv.json"));
    QVERIFY2(parse.ok(), json.constData());
    const enforce::EnforceResult result = generate(target, parse.document);
    const QString text = refusalText(result);
    if (refused.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(text));
        QCOMPARE(result.files.size(), 1);
        const QByteArray conf = result.files.first().content;
        for (const QByteArray &c : contains)
            QVERIFY2(conf.contains(c), qPrintable(QString::fromUtf8(c + "\nin:\n" + conf)));
        return;
    }
    QVERIFY(!result.ok());
    QVERIFY(result.files.isEmpty());
    for (const QString &e : refused) {
        const int line = e.section(QLatin1Char('|'), 0, 0).toInt();
        const QString what = e.section(QLatin1Char('|'), 1);
        bool found = false;
        for (const enforce::Refusal &r : result.refusals)
            found = found || (r.line == line && r.reason.contains(what));
        QVERIFY2(found, qPrintable(QStringLiteral("want %1 in:\n%2").arg(e, text)));
    }
}

QTEST_GUILESS_MAIN(TestEnforceGenerators)
#include "tst_enforcegenerators.moc"
