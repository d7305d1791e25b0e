// SPDX-License-Identifier: GPL-3.0-or-later
#include "chathistory.h"

#include "protocolcheck.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcChatHistory, "parley.test.history")

namespace parley::test {

namespace {

constexpr int PageSize = 100; // the protocol's largest page
constexpr int MaxPages = 100; // 10 000 messages: more than any fault test sends

} // namespace

QJsonArray fullHistory(TestClient &client, const QString &chatId)
{
    QList<QJsonArray> pages; // newest page first
    QJsonObject data{{"chatId"_L1, chatId}, {"limit"_L1, PageSize}};
    for (int page = 0; page < MaxPages; ++page) {
        const QJsonObject response = client.request(u"message.history"_s, data);
        if (!isOk(response)) {
            qCWarning(lcChatHistory).noquote() << "message.history failed:" << describe(response);
            return {};
        }
        const QJsonArray messages = dataOf(response).value("messages"_L1).toArray();
        pages.prepend(messages);
        if (!dataOf(response).value("hasMore"_L1).toBool() || messages.isEmpty())
            break;
        data.insert("beforeSeq"_L1, messages.first().toObject().value("seq"_L1));
    }
    QJsonArray all;
    for (const QJsonArray &page : std::as_const(pages)) {
        for (const auto &message : page)
            all.append(message);
    }
    return all;
}

QString seqProblem(const QList<qint64> &seqs)
{
    for (qsizetype i = 0; i < seqs.size(); ++i) {
        if (seqs.at(i) != i + 1)
            return u"position %1 holds seq %2 (expected %3) in %4 messages"_s.arg(i)
                .arg(seqs.at(i))
                .arg(i + 1)
                .arg(seqs.size());
    }
    return {};
}

QHash<QString, int> countBy(const QJsonArray &messages, QLatin1StringView key)
{
    QHash<QString, int> counts;
    for (const auto &message : messages)
        ++counts[message.toObject().value(key).toString()];
    return counts;
}

} // namespace parley::test
