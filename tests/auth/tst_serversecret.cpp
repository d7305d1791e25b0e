// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/serversecret.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace parley::server;
using namespace Qt::StringLiterals;

namespace {

constexpr QFileDevice::Permissions GroupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
    | QFileDevice::ExeOther;

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QStringList capturedMessages;

void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    capturedMessages.append(message);
}

} // namespace

class TestServerSecret : public QObject
{
    Q_OBJECT

private slots:
    void createdOwnerOnly();
    void stableAcrossLoads();
    void eachServerGetsItsOwn();
    void wrongSizeIsAnError_data();
    void wrongSizeIsAnError();
    void looseFileIsRestricted();
    void unusablePathIsAnError();
    void secretNeverLogged();

private:
    QTemporaryDir m_dir;
};

void TestServerSecret::createdOwnerOnly()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(u"created/nested/token-secret"_s);
    QString error;
    const auto secret = ServerSecret::loadOrCreate(path, &error);
    QVERIFY2(secret, qPrintable(error));
    QCOMPARE(secret->size(), 32);
    QCOMPARE(contents(path), *secret);
    QVERIFY(*secret != QByteArray(32, '\0'));

#ifdef Q_OS_UNIX
    const QFileDevice::Permissions permissions = QFile::permissions(path);
    QVERIFY(permissions.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QCOMPARE(permissions & GroupOrOther, QFileDevice::Permissions());
    QVERIFY(!permissions.testFlag(QFileDevice::ExeOwner));
#endif
}

void TestServerSecret::stableAcrossLoads()
{
    const QString path = m_dir.filePath(u"stable"_s);
    const auto first = ServerSecret::loadOrCreate(path, nullptr);
    QVERIFY(first);
    for (int i = 0; i < 3; ++i) {
        QString error;
        const auto again = ServerSecret::loadOrCreate(path, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(*again, *first);
    }
}

void TestServerSecret::eachServerGetsItsOwn()
{
    const auto a = ServerSecret::loadOrCreate(m_dir.filePath(u"a"_s), nullptr);
    const auto b = ServerSecret::loadOrCreate(m_dir.filePath(u"b"_s), nullptr);
    QVERIFY(a && b);
    QVERIFY(*a != *b);
}

void TestServerSecret::wrongSizeIsAnError_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one byte short") << QByteArray(31, 'x');
    QTest::newRow("one byte over") << QByteArray(33, 'x');
    QTest::newRow("hex text instead of bytes") << QByteArray(32, 'x').toHex();
}

void TestServerSecret::wrongSizeIsAnError()
{
    QFETCH(QByteArray, bytes);
    const QString path =
        m_dir.filePath(u"wrong-size-"_s + QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(writeFile(path, bytes));

    QString error;
    QVERIFY(!ServerSecret::loadOrCreate(path, &error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
    QCOMPARE(contents(path), bytes); // an admin's file is never replaced behind their back
    QVERIFY(!ServerSecret::loadOrCreate(path, nullptr));
}

void TestServerSecret::looseFileIsRestricted()
{
    // A secret copied in by hand with the usual 0644 is used, and made private.
    const QString path = m_dir.filePath(u"loose"_s);
    const QByteArray bytes(32, 'k');
    QVERIFY(writeFile(path, bytes));
#ifdef Q_OS_UNIX
    QVERIFY(QFile::setPermissions(path,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                      | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"readable by other users"_s));
#endif

    const auto secret = ServerSecret::loadOrCreate(path, nullptr);
    QVERIFY(secret);
    QCOMPARE(*secret, bytes);
#ifdef Q_OS_UNIX
    QCOMPARE(QFile::permissions(path) & GroupOrOther, QFileDevice::Permissions());
#endif
}

void TestServerSecret::unusablePathIsAnError()
{
    // A regular file where the directory should be: no user, root included, can create it.
    const QString blocker = m_dir.filePath(u"not-a-directory"_s);
    QVERIFY(writeFile(blocker, "x"));
    QString error;
    QVERIFY(!ServerSecret::loadOrCreate(blocker + u"/token-secret"_s, &error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(blocker)), qPrintable(error));

    // A directory where the file should be.
    const QString directory = m_dir.filePath(u"a-directory"_s);
    QVERIFY(QDir().mkpath(directory));
    error.clear();
    QVERIFY(!ServerSecret::loadOrCreate(directory, &error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(directory)), qPrintable(error));
}

void TestServerSecret::secretNeverLogged()
{
    const QString path = m_dir.filePath(u"logged"_s);
    capturedMessages.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    const auto created = ServerSecret::loadOrCreate(path, nullptr);
    QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ReadOther);
    const auto loaded = ServerSecret::loadOrCreate(path, nullptr); // warns about permissions
    qInstallMessageHandler(previous);

    QVERIFY(created && loaded);
    QVERIFY(!capturedMessages.isEmpty()); // the capture works: creating says where
    for (const QString &message : std::as_const(capturedMessages)) {
        QVERIFY2(!message.contains(QString::fromLatin1(created->toHex()), Qt::CaseInsensitive),
                 qPrintable(message));
        QVERIFY2(!message.contains(QString::fromLatin1(created->toBase64())), qPrintable(message));
        QVERIFY2(!message.contains(
                     QString::fromLatin1(created->toBase64(QByteArray::Base64UrlEncoding))),
                 qPrintable(message));
    }
}

QTEST_GUILESS_MAIN(TestServerSecret)
#include "tst_serversecret.moc"
