// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslCertificate>
#include <QSslConfiguration>

namespace parley::test {

// While it lives, every new QWebSocket trusts exactly `anchor` (a pinned self-signed
// certificate or a test CA) and no system CA. The test kit's TestClient has no TLS settings of
// its own and takes Qt's default configuration, so this is how it speaks wss:// to a test
// server.
class DefaultTrust
{
public:
    explicit DefaultTrust(const QSslCertificate &anchor);
    ~DefaultTrust();

    DefaultTrust(const DefaultTrust &) = delete;
    DefaultTrust &operator=(const DefaultTrust &) = delete;

private:
    QSslConfiguration m_previous;
};

} // namespace parley::test
