// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace parley::server {

// "parley.storage": database opening, migrations and failed statements.
Q_DECLARE_LOGGING_CATEGORY(lcStorage)

} // namespace parley::server
