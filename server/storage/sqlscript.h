// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace parley::server {

// Splits an SQL script into its statements (QSqlQuery runs one at a time): drops "--" comments,
// splits on ";" outside quotes. Enough for Parley's schema files, which hold no triggers.
QStringList sqlStatements(const QString &script);

} // namespace parley::server
