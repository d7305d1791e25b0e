// SPDX-License-Identifier: GPL-3.0-or-later
#include "storagelog.h"

namespace parley::server {

Q_LOGGING_CATEGORY(lcStorage, "parley.storage")

} // namespace parley::server
