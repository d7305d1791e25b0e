// SPDX-License-Identifier: GPL-3.0-or-later
#include "passwordhasher.h"

#include "securerandom.h"

#include <QLoggingCategory>
#include <QThread>
#include <QtConcurrentRun>

#include <botan/argon2.h>
#include <botan/mem_ops.h>

#include <algorithm>
#include <exception>
#include <string>

#if defined(Q_OS_LINUX)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace parley::server {

namespace {

Q_LOGGING_CATEGORY(lcHasher, "parley.server.auth.hasher")

// OWASP's recommended Argon2id settings: 19 MiB of memory, two passes, one lane.
constexpr size_t MemoryKiB = 19456;
constexpr size_t Passes = 2;
constexpr size_t Lanes = 1;
constexpr uint8_t Argon2idFamily = 2;
constexpr size_t SaltBytes = 16;
constexpr size_t OutputBytes = 32;

// The UTF-8 form of a password, wiped when it goes out of scope.
class Utf8Password
{
public:
    explicit Utf8Password(const QString &password)
        : m_bytes(password.toUtf8())
    { }
    ~Utf8Password() { Botan::secure_scrub_memory(m_bytes.data(), size_t(m_bytes.size())); }
    Utf8Password(const Utf8Password &) = delete;
    Utf8Password &operator=(const Utf8Password &) = delete;

    const char *data() const { return m_bytes.constData(); }
    size_t size() const { return size_t(m_bytes.size()); }

private:
    QByteArray m_bytes;
};

// Hashing threads yield to the threads that deliver messages: a burst of logins slows other
// logins, not the chat. QThread::LowPriority has no effect under Linux's default scheduler, so
// the thread's nice value is raised instead (per thread on Linux).
void lowerThisThreadsPriority()
{
#if defined(Q_OS_LINUX)
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
    const auto tid = id_t(syscall(SYS_gettid));
    if (setpriority(PRIO_PROCESS, tid, 10) != 0)
        qCDebug(lcHasher) << "could not lower the hashing thread's priority";
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

// One core is left to the event loop and the store thread, so delivery keeps going while a
// burst of logins is hashed.
int defaultThreadCount()
{
    return std::max(1, QThread::idealThreadCount() - 1);
}

} // namespace

PasswordHasher::PasswordHasher(int threads, QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(threads > 0 ? threads : defaultThreadCount());
    // Compute the dummy hash now, off the caller's thread, so the first unknown-email login
    // costs one hash like every other login.
    m_pool.start([] { dummyHash(); });
}

PasswordHasher::~PasswordHasher()
{
    // Queued work holds no pointer to this object, but finishing it keeps its futures honest.
    m_pool.waitForDone();
}

QFuture<QByteArray> PasswordHasher::hash(const QString &password)
{
    return QtConcurrent::run(&m_pool, [password] {
        lowerThisThreadsPriority();
        return hashBlocking(password);
    });
}

QFuture<bool> PasswordHasher::verify(const QString &password, const QByteArray &hash)
{
    return QtConcurrent::run(&m_pool, [password, hash] {
        lowerThisThreadsPriority();
        return verifyBlocking(password, hash);
    });
}

QFuture<bool> PasswordHasher::verifyDummy(const QString &password)
{
    return QtConcurrent::run(&m_pool, [password] {
        lowerThisThreadsPriority();
        verifyBlocking(password, dummyHash());
        return false;
    });
}

QByteArray PasswordHasher::hashBlocking(const QString &password)
{
    const Utf8Password utf8(password);
    try {
        const std::string phc = Botan::argon2_generate_pwhash(
            utf8.data(), utf8.size(), SecureRandom::generator(), Lanes, MemoryKiB, Passes,
            Argon2idFamily, SaltBytes, OutputBytes);
        return QByteArray::fromStdString(phc);
    } catch (const std::exception &e) {
        qCCritical(lcHasher) << "password hashing failed:" << e.what();
        return {};
    }
}

bool PasswordHasher::verifyBlocking(const QString &password, const QByteArray &hash)
{
    const Utf8Password utf8(password);
    try {
        // Botan throws, rather than answering false, for some malformed hashes (bad numbers,
        // bad base64, impossible parameters).
        return Botan::argon2_check_pwhash(utf8.data(), utf8.size(), hash.toStdString());
    } catch (const std::exception &) {
        qCWarning(lcHasher) << "a stored password hash is malformed";
        return false;
    }
}

const QByteArray &PasswordHasher::dummyHash()
{
    // A random password nobody knows; its hash has the same parameters as real ones.
    static const QByteArray hash = hashBlocking(
        QString::fromLatin1(SecureRandom::bytes(24).toBase64(QByteArray::Base64UrlEncoding)));
    return hash;
}

} // namespace parley::server
