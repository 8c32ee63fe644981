#pragma once

// A throw-away PKI for TLS tests, made with the openssl command line: a CA,
// a server certificate and a client certificate (EC P-256, two days).

#include "nettestutil.h"

#include <QDir>

namespace nettest {

struct TestPki
{
    QString dir;
    QString caCert, caKey;
    QString serverCert, serverKey, serverPem; // serverPem: cert + key (HAProxy "crt")
    QString clientCert, clientKey;
    QString error;

    bool make(const QString &directory, const QString &serverName, const QString &clientCn)
    {
        dir = directory;
        const auto path = [&](const char *name) {
            return QDir(dir).filePath(QLatin1String(name));
        };
        caCert = path("ca.crt");
        caKey = path("ca.key");
        serverCert = path("server.crt");
        serverKey = path("server.key");
        serverPem = path("server.pem");
        clientCert = path("client.crt");
        clientKey = path("client.key");
        const QString openssl = findBinary(QStringLiteral("openssl"));
        if (openssl.isEmpty()) {
            error = QStringLiteral("openssl not found");
            return false;
        }
        const QStringList ec{
            QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
            QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
        QByteArray log;
        if (!run(openssl,
                 QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
                     QStringList{QStringLiteral("-keyout"), caKey, QStringLiteral("-out"), caCert,
                                 QStringLiteral("-days"), QStringLiteral("2"),
                                 QStringLiteral("-subj"), QStringLiteral("/CN=PL Test CA")},
                 &log))
            return fail(log);
        const auto leaf = [&](const QString &key, const QString &cert, const QString &cn,
                              const QByteArray &ext) {
            const QString csr = cert + QStringLiteral(".csr");
            const QString extFile = cert + QStringLiteral(".ext");
            if (!writeFile(extFile, ext))
                return false;
            return run(openssl,
                       QStringList{QStringLiteral("req")} + ec +
                           QStringList{QStringLiteral("-keyout"), key, QStringLiteral("-out"), csr,
                                       QStringLiteral("-subj"), QStringLiteral("/CN=") + cn},
                       &log) &&
                   run(openssl,
                       {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
                        QStringLiteral("-CA"), caCert, QStringLiteral("-CAkey"), caKey,
                        QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), cert,
                        QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                        extFile},
                       &log);
        };
        if (!leaf(serverKey, serverCert, serverName,
                  "subjectAltName=DNS:" + serverName.toUtf8() + "\nextendedKeyUsage=serverAuth\n"))
            return fail(log);
        if (!leaf(clientKey, clientCert, clientCn, "extendedKeyUsage=clientAuth\n"))
            return fail(log);
        QFile c(serverCert), k(serverKey);
        if (!c.open(QIODevice::ReadOnly) || !k.open(QIODevice::ReadOnly) ||
            !writeFile(serverPem, c.readAll() + k.readAll()))
            return fail("cannot write server.pem");
        return true;
    }

private:
    bool fail(const QByteArray &log)
    {
        error = QString::fromUtf8(log);
        return false;
    }
};

} // namespace nettest
