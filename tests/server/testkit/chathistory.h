// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "testclient.h"

#include <QJsonArray>
#include <QList>
#include <QString>

namespace parley::test {

// Every message of a chat, oldest first, as message.history pages it back from the newest;
// an empty array (and a logged reason) when a page fails.
QJsonArray fullHistory(TestClient &client, const QString &chatId);

// "" when seqs are exactly 1, 2, …, n; otherwise where the first gap or repeat is.
QString seqProblem(const QList<qint64> &seqs);

// Each value of key ("clientId", "id") with how many messages carry it.
QHash<QString, int> countBy(const QJsonArray &messages, QLatin1StringView key);

} // namespace parley::test
