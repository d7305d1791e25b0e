#include "handler.h"

namespace parley::server {

Handler::Handler(Services &services, QObject *parent)
    : QObject(parent)
    , s(services)
{ }

} // namespace parley::server
