// The bash completion shipped in the package (installer/completions/plinspect),
// driven the way bash drives it: COMP_WORDS/COMP_CWORD, then COMPREPLY.

#include <QFileInfo>
#include <QProcess>
#include <QTest>

class TestCompletion : public QObject
{
    Q_OBJECT

private slots:
    void completes_data();
    void completes();
    void everyOptionOfEveryCommandIsOffered_data();
    void everyOptionOfEveryCommandIsOffered();

private:
    static QStringList complete(const QStringList &words);
};

QStringList TestCompletion::complete(const QStringList &words)
{
    // The binary is found on PATH, as after installing the package.
    const QString binDir = QFileInfo(QStringLiteral(PL_PLINSPECT)).absolutePath();
    QString array;
    for (const QString &w : words)
        array += QLatin1Char('\'') + w + QStringLiteral("' ");
    const QString script =
        QStringLiteral("source '%1/installer/completions/plinspect'; PATH='%2':$PATH; "
                       "COMP_WORDS=(%3); COMP_CWORD=%4; _plinspect; printf '%s\\n' "
                       "\"${COMPREPLY[@]}\"")
            .arg(QStringLiteral(PL_SOURCE_DIR), binDir, array)
            .arg(words.size() - 1);
    QProcess p;
    p.start(QStringLiteral("/bin/bash"), {QStringLiteral("--norc"), QStringLiteral("-c"), script});
    if (!p.waitForFinished(20000))
        return {QStringLiteral("<timeout>")};
    return QString::fromUtf8(p.readAllStandardOutput())
        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void TestCompletion::completes_data()
{
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("commands") << QStringList{"plinspect", "p"} << QStringList{"policy"};
    QTest::newRow("policy subcommands")
        << QStringList{"plinspect", "policy", ""}
        << QStringList{"eval", "test", "diff", "lint", "check", "export"};
    QTest::newRow("flowlog subcommands")
        << QStringList{"plinspect", "flowlog", ""} << QStringList{"check", "query"};
    QTest::newRow("an option's name")
        << QStringList{"plinspect", "decode", "--ven"} << QStringList{"--vendor"};
    QTest::newRow("vendor names") << QStringList{"plinspect", "decode", "--vendor", "a"}
                                  << QStringList{"auto", "alibaba", "aws", "azure"};
    QTest::newRow("export targets")
        << QStringList{"plinspect", "policy", "export", "--target", "nginx"}
        << QStringList{"nginx-njs", "nginx-realip", "nginx-tlv"};
    QTest::newRow("query engines") << QStringList{"plinspect", "flowlog", "query", "--engine", ""}
                                   << QStringList{"sls", "athena"};
    QTest::newRow("capture interfaces")
        << QStringList{"plinspect", "capture", "-i", "l"} << QStringList{"lo"};
    QTest::newRow("a short option without a long name")
        << QStringList{"plinspect", "decode", "-w"} << QStringList{"-w"};
    QTest::newRow("faults") << QStringList{"plinspect", "craft", "--fault", "bad-"}
                            << QStringList{"bad-signature", "bad-length", "bad-family",
                                           "bad-command"};
}

void TestCompletion::completes()
{
    QFETCH(QStringList, words);
    QFETCH(QStringList, expected);
    QStringList got = complete(words);
    got.sort();
    expected.sort();
    QCOMPARE(got, expected);
}

void TestCompletion::everyOptionOfEveryCommandIsOffered_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("option");
    // A few options per command that a user types most.
    QTest::newRow("decode --json") << QStringList{"decode"} << "--json";
    QTest::newRow("decode --filter") << QStringList{"decode"} << "--filter";
    QTest::newRow("capture --interface") << QStringList{"capture"} << "--interface";
    QTest::newRow("capture --duration") << QStringList{"capture"} << "--duration";
    QTest::newRow("craft --alibaba-vpc-id") << QStringList{"craft"} << "--alibaba-vpc-id";
    QTest::newRow("send --payload-file") << QStringList{"send"} << "--payload-file";
    QTest::newRow("send --fault-matrix") << QStringList{"send"} << "--fault-matrix";
    QTest::newRow("listen --policy") << QStringList{"listen"} << "--policy";
    QTest::newRow("policy eval --capture") << QStringList{"policy", "eval"} << "--capture";
    QTest::newRow("flowlog check --inventory") << QStringList{"flowlog", "check"} << "--inventory";
}

void TestCompletion::everyOptionOfEveryCommandIsOffered()
{
    QFETCH(QStringList, command);
    QFETCH(QString, option);
    const QStringList got = complete(QStringList{QStringLiteral("plinspect")} + command +
                                     QStringList{QStringLiteral("--")});
    QVERIFY2(got.contains(option), qPrintable(got.join(QLatin1Char(' '))));
    QVERIFY(got.contains(QStringLiteral("--help")));
}

QTEST_GUILESS_MAIN(TestCompletion)
#include "tst_completion.moc"
