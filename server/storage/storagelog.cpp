#include "storagelog.h"

namespace parley::server {

Q_LOGGING_CATEGORY(lcStorage, "parley.storage")

} // namespace parley::server
