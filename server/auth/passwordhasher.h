// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QFuture>
#include <QObject>
#include <QString>
#include <QThreadPool>

namespace parley::server {

// Argon2id password hashing on a private thread pool, so that a burst of logins never stalls the
// event loop that delivers messages. Hashes are PHC strings ("$argon2id$v=19$m=19456,t=2,p=1$…").
class PasswordHasher : public QObject
{
    Q_OBJECT

public:
    // threads == 0: one per core.
    explicit PasswordHasher(int threads = 0, QObject *parent = nullptr);
    ~PasswordHasher() override;

    // An empty result means hashing failed (logged); callers answer `internal`.
    QFuture<QByteArray> hash(const QString &password);
    QFuture<bool> verify(const QString &password, const QByteArray &hash);
    // Costs what verify() costs and is always false: used for unknown accounts, so that an
    // unknown email cannot be told from a wrong password by timing.
    QFuture<bool> verifyDummy(const QString &password);

    // The same work on the calling thread, for admin tools and tests.
    static QByteArray hashBlocking(const QString &password);
    static bool verifyBlocking(const QString &password, const QByteArray &hash);

private:
    static const QByteArray &dummyHash();

    QThreadPool m_pool;
};

} // namespace parley::server
