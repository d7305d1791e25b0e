#include "handler.h"

namespace parley::server {

Handler::Handler(Services &services, QObject *parent)
    : QObject(parent)
    , s(services)
{ }

void Handler::failInternal(const Request &request)
{
    request.fail(ErrorCode::Internal,
                 QStringLiteral("the server could not read or write its database; try again"));
}

} // namespace parley::server
