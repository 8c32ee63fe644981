#pragma once

// Shared by the enforcement tests: policies and cases from files, and
// random requests derived from a policy (IDs and addresses in and out of
// its lists and ranges, paths matching and not), deterministic per seed.

#include "enforce/enforcement.h"
#include "policy/checkedpolicy.h"
#include "policy/testcases.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QTest>

namespace enforcetest {

using namespace pl;

inline QString dataPath(const QString &name)
{
    return QStringLiteral(PL_TEST_DATA_DIR "/enforce/") + name;
}

inline QString templatePath(const QString &name)
{
    return QStringLiteral(PL_SOURCE_DIR "/resources/policy-templates/") + name;
}

inline policy::PolicyDocument loadPolicy(const QString &path)
{
    policy::CheckedPolicy checked = policy::loadCheckedPolicy(path);
    if (!checked.usable())
        qWarning() << checked.errorMessages();
    checked.document.name = QFileInfo(path).fileName();
    return checked.document;
}

inline QList<policy::TestCase> loadCases(const QString &path)
{
    const policy::TestCaseFile file = policy::loadTestCases(path);
    if (!file.ok())
        qWarning() << "cannot read" << path;
    return file.cases;
}

class RandomRequests
{
public:
    RandomRequests(const policy::PolicyDocument &document, quint32 seed) : m_random(seed)
    {
        for (const policy::Statement &s : document.statements) {
            for (const QString &r : s.resource.values)
                m_paths << r;
            for (const policy::ConditionClause &c : s.conditions) {
                QString key = c.key.toLower();
                if (key == QLatin1String("acs:sourcevpc"))
                    key = QStringLiteral("alibaba:sourcevpc");
                if (key == QLatin1String("acs:sourceip"))
                    key = QStringLiteral("pp:sourceip");
                m_values[key] += c.values;
            }
        }
        m_paths << QStringLiteral("/") << QStringLiteral("/admin") << QStringLiteral("/adminx/y")
                << QStringLiteral("/login") << QStringLiteral("/login2")
                << QStringLiteral("/logout") << QStringLiteral("/orders/7");
    }

    QList<policy::TestCase> make(int count, bool httpOnly)
    {
        QList<policy::TestCase> cases;
        for (int i = 0; i < count; ++i)
            cases << one(i, httpOnly);
        return cases;
    }

private:
    int pick(int n) { return static_cast<int>(m_random.bounded(n)); }
    bool chance(int percent) { return pick(100) < percent; }

    QString expand(const QString &pattern)
    {
        static const QString alnum = QStringLiteral("abcdefghijklmnopqrstuvwxyz0123456789");
        QString out;
        for (const QChar c : pattern) {
            if (c == QLatin1Char('*')) {
                for (int n = pick(6); n > 0; --n)
                    out += alnum.at(pick(static_cast<int>(alnum.size())));
            } else if (c == QLatin1Char('?')) {
                out += alnum.at(pick(static_cast<int>(alnum.size())));
            } else {
                out += c;
            }
        }
        return out;
    }

    QString mangleCase(const QString &s)
    {
        QString out = s;
        for (QChar &c : out) {
            if (chance(30))
                c = c.isUpper() ? c.toLower() : c.toUpper();
        }
        return out;
    }

    // A value from the policy's list (wildcards expanded, case changed
    // now and then) or a decoy near it.
    QString stringFor(const QString &key, const QString &decoy)
    {
        const QStringList values = m_values.value(key);
        if (!values.isEmpty() && chance(60)) {
            QString v = expand(values.at(pick(static_cast<int>(values.size()))));
            return chance(20) ? mangleCase(v) : v;
        }
        if (!values.isEmpty() && chance(50))
            return expand(values.at(pick(static_cast<int>(values.size())))) + QStringLiteral("0");
        return decoy + QString::number(pick(1000));
    }

    // A number from the policy's list or one either side of it (64-bit IDs
    // one apart are where doubles fail), else the fallback.
    QString numberNear(const QString &key, quint64 fallback)
    {
        const QStringList values = m_values.value(key);
        if (!values.isEmpty() && chance(80)) {
            bool ok = false;
            const quint64 v = values.at(pick(static_cast<int>(values.size()))).toULongLong(&ok);
            if (ok)
                return QString::number(v + static_cast<quint64>(pick(3)) - 1);
        }
        return QString::number(fallback);
    }

    QString addressIn(const QString &cidr, bool inside)
    {
        const auto subnet = QHostAddress::parseSubnet(
            cidr.contains(QLatin1Char('/')) ? cidr : cidr + QStringLiteral("/128"));
        QHostAddress net = subnet.first;
        int prefix = subnet.second;
        if (net.isNull())
            return QStringLiteral("198.51.100.7");
        if (net.protocol() == QAbstractSocket::IPv4Protocol) {
            quint32 a = net.toIPv4Address();
            const int hostBits = 32 - prefix;
            if (inside) {
                if (hostBits > 0)
                    a |= m_random.generate() &
                         ((hostBits >= 32 ? 0xFFFFFFFFu : (1u << hostBits) - 1));
            } else if (prefix > 0) {
                a ^= 1u << (32 - prefix);
            }
            return QHostAddress(a).toString();
        }
        Q_IPV6ADDR b = net.toIPv6Address();
        if (inside) {
            for (int bit = prefix; bit < 128; ++bit) {
                if (chance(50))
                    b[bit / 8] = static_cast<quint8>(b[bit / 8] | (0x80 >> (bit % 8)));
            }
        } else if (prefix > 0) {
            const int bit = prefix - 1;
            b[bit / 8] = static_cast<quint8>(b[bit / 8] ^ (0x80 >> (bit % 8)));
        }
        return QHostAddress(b).toString();
    }

    QString sourceAddress()
    {
        const QStringList ranges = m_values.value(QStringLiteral("pp:sourceip"));
        if (!ranges.isEmpty() && chance(80))
            return addressIn(ranges.at(pick(static_cast<int>(ranges.size()))), chance(60));
        static const QStringList decoys{QStringLiteral("198.51.100.7"),
                                        QStringLiteral("192.0.2.55"),
                                        QStringLiteral("2001:db8:ffff::7"),
                                        QStringLiteral("10.9.200.1"), QStringLiteral("10.0.0.14")};
        return decoys.at(pick(static_cast<int>(decoys.size())));
    }

    policy::TestCase one(int index, bool httpOnly)
    {
        policy::PolicyRequest r;
        const QString src = sourceAddress();
        r.setContext(QStringLiteral("pp:SourceIp"), src);
        r.setContext(QStringLiteral("acs:SourceIp"), src);
        static const int ports[] = {1234, 39999, 40000, 40001, 59074};
        r.setContext(QStringLiteral("pp:SourcePort"),
                     QString::number(chance(70) ? ports[pick(5)] : 1024 + pick(64000)));
        r.setContext(QStringLiteral("pp:Version"), QStringLiteral("2"));
        r.setContext(QStringLiteral("pp:Command"), QStringLiteral("PROXY"));
        r.setContext(QStringLiteral("pp:Crc32cValid"), QStringLiteral("true"));
        if (chance(80))
            r.setContext(QStringLiteral("alibaba:EndpointId"),
                         stringFor(QStringLiteral("alibaba:endpointid"), QStringLiteral("ep-bp1")));
        if (chance(80)) {
            const QString vpc =
                stringFor(QStringLiteral("alibaba:sourcevpc"), QStringLiteral("vpc-"));
            r.setContext(QStringLiteral("alibaba:SourceVpc"), vpc);
            r.setContext(QStringLiteral("acs:SourceVpc"), vpc);
        }
        if (chance(40))
            r.setContext(
                QStringLiteral("alibaba:EndpointServiceId"),
                stringFor(QStringLiteral("alibaba:endpointserviceid"), QStringLiteral("epsrv-")));
        if (chance(50))
            r.setContext(QStringLiteral("pp:Authority"),
                         stringFor(QStringLiteral("pp:authority"), QStringLiteral("site-")));
        if (chance(50))
            r.setContext(QStringLiteral("pp:UniqueId"),
                         stringFor(QStringLiteral("pp:uniqueid"), QStringLiteral("id-")));
        // Only for policies that name them, so other policies' requests stay
        // as they were.
        if (m_values.contains(QStringLiteral("gcp:pscconnectionid")) && chance(80))
            r.setContext(QStringLiteral("gcp:PscConnectionId"),
                         numberNear(QStringLiteral("gcp:pscconnectionid"), m_random.generate64()));
        if (m_values.contains(QStringLiteral("pp:destinationport")) && chance(80))
            r.setContext(QStringLiteral("pp:DestinationPort"),
                         numberNear(QStringLiteral("pp:destinationport"), 80));
        static const QStringList methods{QStringLiteral("GET"), QStringLiteral("POST"),
                                         QStringLiteral("PUT"), QStringLiteral("DELETE"),
                                         QStringLiteral("PATCH")};
        if (!httpOnly && chance(30)) {
            r.action = QStringLiteral("tcp:Connect");
            r.resource = QStringLiteral("*");
        } else {
            const QString method = methods.at(pick(static_cast<int>(methods.size())));
            r.action = QStringLiteral("http:") + method;
            QString path = expand(m_paths.at(pick(static_cast<int>(m_paths.size()))));
            if (!path.startsWith(QLatin1Char('/')))
                path.prepend(QLatin1Char('/'));
            r.resource = path;
            const QString host = stringFor(QStringLiteral("http:host"), QStringLiteral("other"));
            r.setContext(QStringLiteral("http:Method"), method);
            r.setContext(QStringLiteral("http:Path"), path);
            r.setContext(QStringLiteral("http:Host"), chance(30) ? mangleCase(host) : host);
        }
        policy::TestCase c;
        c.name =
            QStringLiteral("random #%1 %2 %3 from %4").arg(index).arg(r.action, r.resource, src);
        c.request = r;
        c.expect = policy::Expectation::Deny;
        return c;
    }

    QRandomGenerator m_random;
    QHash<QString, QStringList> m_values;
    QStringList m_paths;
};

} // namespace enforcetest
