// SPDX-License-Identifier: GPL-3.0-or-later
// AvatarCache over a scripted transport: each picture is fetched once, and one lost with the
// connection is fetched again when it comes back.
#include "avatarcache.h"
#include "connection.h"
#include "faketransport.h"
#include "results.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using parley::client::AvatarCache;
using parley::client::Connection;
using parley::test::FakeTransport;

namespace {

const QUrl ServerUrl(u"ws://127.0.0.1:7447/"_s);
const QString Picture = u"data:image/png;base64,iVBORw0KGgo="_s;

} // namespace

class TestAvatarCache : public QObject
{
    Q_OBJECT

private slots:
    void aPictureLostWithTheConnectionIsFetchedWhenItIsBack()
    {
        auto *transport = new FakeTransport;
        Connection connection(transport);
        AvatarCache cache(&connection);
        QSignalSpy ready(&cache, &AvatarCache::avatarReady);
        connection.open(ServerUrl);
        QTRY_COMPARE(connection.state(), Connection::Online);

        QVERIFY(cache.source(u"av1"_s).isEmpty());
        QTRY_VERIFY(transport->hasRequest(u"avatar.get"_s));
        transport->takeRequest(u"avatar.get"_s);
        transport->drop(); // the answer never comes; the row shows initials

        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), Connection::Online, 10'000);
        QTRY_VERIFY(transport->hasRequest(u"avatar.get"_s));
        const QJsonObject again = transport->takeRequest(u"avatar.get"_s);
        QCOMPARE(again.value(u"data"_s).toObject().value(u"avatarId"_s).toString(), u"av1"_s);
        transport->reply(again, parley::AvatarResult{u"av1"_s, Picture}.toJson());
        QTRY_COMPARE(ready.count(), 1);
        QCOMPARE(cache.source(u"av1"_s), Picture);
    }
};

QTEST_MAIN(TestAvatarCache)
#include "tst_avatarcache.moc"
