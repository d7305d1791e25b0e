// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "authzscene.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace parley::test::authz {

enum Setup : unsigned {
    Shared = 0,
    FreshConnection = 1, // the role on a new connection (a new session), for what ends one
    OwnScene = 2, // a new scene, for what changes it for good
};

// One line of the table: an operation with its data, and the answer of each role.
struct Case
{
    QString name;
    QString op;
    Answers answers;
    std::function<QJsonObject(const Context &)> data;
    unsigned setup = Shared;
};

// Every operation of docs/protocol.md, some with several kinds of data, in the order the rows run.
const QList<Case> &cases();

} // namespace parley::test::authz
