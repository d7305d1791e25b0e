// SPDX-License-Identifier: GPL-3.0-or-later
#include "defaulttrust.h"

namespace parley::test {

DefaultTrust::DefaultTrust(const QSslCertificate &anchor)
    : m_previous(QSslConfiguration::defaultConfiguration())
{
    QSslConfiguration configuration = m_previous;
    configuration.setCaCertificates({anchor});
    QSslConfiguration::setDefaultConfiguration(configuration);
}

DefaultTrust::~DefaultTrust()
{
    QSslConfiguration::setDefaultConfiguration(m_previous);
}

} // namespace parley::test
