// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jsonreader.h"
#include "types.h"

#include <QJsonArray>
#include <QJsonValue>

// Internal to parley_protocol: the shape readers, so that results.cpp can read a User or a Chat
// nested anywhere and name the failing field by its full path.
namespace parley::detail {

User readUser(JsonReader &reader);
UserSummary readUserSummary(JsonReader &reader);
Message readMessage(JsonReader &reader);
Chat readChat(JsonReader &reader);

QJsonValue nullable(const QString &text); // a null QString is JSON null
template<typename T> QJsonArray toJsonArray(const QList<T> &items)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(item.toJson());
    return array;
}

} // namespace parley::detail
