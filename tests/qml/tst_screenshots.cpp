// SPDX-License-Identifier: GPL-3.0-or-later
// tst_screenshots: the app's real pages rendered offscreen and saved as PNGs for people to look
// at (build dir, tests/qml/screenshots/): the sign-in card, the chat page filled by an in-process
// server (two chats, a group, read marks, an edit, a deletion, someone typing), the new group
// dialog, in the light and the dark palette, and the top of a long chat scrolled through end to
// end without a QML warning. Each image must be drawn: not empty, not one colour.
#include "chatlistmodel.h"
#include "desktopnotifier.h"
#include "hostedserver.h"
#include "memorysecretstore.h"
#include "messagemodel.h"
#include "notificationmodel.h"
#include "session.h"
#include "testclient.h"
#include "testserver.h"
#include "typingmodel.h"
#include "usersearchmodel.h"

#include <QBuffer>
#include <QDeadlineTimer>
#include <QDir>
#include <QImage>
#include <QJsonObject>
#include <QLinearGradient>
#include <QPainter>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQmlExpression>
#include <QQmlProperty>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <QtQml/QQmlExtensionPlugin>

#include <memory>

using namespace Qt::StringLiterals;
using parley::client::MessageModel;
using parley::client::Session;
using parley::test::Account;
using parley::test::TestClient;
using parley::test::TestServer;

Q_IMPORT_QML_PLUGIN(ParleyPlugin)
Q_IMPORT_QML_PLUGIN(Parley_UiPlugin)

namespace {

constexpr int SignInTimeoutMs = 30'000; // password hashing shares two cores with builds
constexpr int MinimumColours = 24; // a drawn page has text, avatars and tints

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); y += 2) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); x += 2)
            colours.insert(line[x]);
    }
    return static_cast<int>(colours.size());
}

// A small picture for Cleo's avatar, so a real photo's round crop is on screen too.
QString portrait()
{
    QImage image(96, 96, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient sky(0, 0, 0, 96);
    sky.setColorAt(0, QColor(u"#f6d365"_s));
    sky.setColorAt(1, QColor(u"#fda085"_s));
    painter.fillRect(image.rect(), sky);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(u"#6d4c41"_s));
    painter.drawEllipse(QPointF(48, 40), 20, 22);
    painter.drawEllipse(QPointF(48, 104), 38, 36);
    painter.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return u"data:image/png;base64,"_s + QString::fromLatin1(png.toBase64());
}

} // namespace

class tst_Screenshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void signInPage_data();
    void signInPage();
    void hostPanelWhileHosting();
    void chatPage_data();
    void chatPage();
    void groupChat();
    void emptyState();
    void groupDialog();
    void groupSettings();
    void longChatScrollsWithoutWarnings();
    void groupEventLines();
    void notificationsFromTwoChats();
    void bellBadgeOverTheBell();
    void minimumSizeFitsTheConversation();
    void offline();

private:
    void setTheme(const QString &preference);
    QObject *page() const;
    QObject *find(const char *objectName) const;
    // Renders the window, checks it was drawn and saves it as <name>.png.
    void shoot(const QString &name);
    void fillServer();
    void signInAsAna();
    // Turns the mouse wheel over the message list (positive: up, to older messages) and waits
    // for the view to stop and for any page that came into reach.
    void wheelMessages(QQuickItem *list, int notches);

    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_server;
    parley::client::MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_ownSession; // handed to QML through Session::setInstance
    Session *m_session = nullptr; // the instance the UI shows
    std::unique_ptr<parley::client::DesktopNotifier> m_notifier;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;

    Account m_ana;
    std::unique_ptr<TestClient> m_ben;
    std::unique_ptr<TestClient> m_cleo;
    QString m_directChat;
    QString m_groupChat;
    quint64 m_wheelTime = 0;
};

void tst_Screenshots::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"ParleyTests"_s);
    QCoreApplication::setApplicationName(u"tst_screenshots"_s);
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir().mkpath(QStringLiteral(PARLEY_SCREENSHOT_DIR)));

    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());

    Session::Options options;
    options.secrets = &m_secrets;
    options.settingsFile = m_dir.filePath(u"settings.ini"_s);
    options.dataDir = m_dir.filePath(u"data"_s);
    m_ownSession = std::make_unique<Session>(options);
    Session::setInstance(m_ownSession.get());
    m_notifier = std::make_unique<parley::client::DesktopNotifier>(nullptr);
    parley::client::DesktopNotifier::setInstance(m_notifier.get());

    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->load(QUrl(u"qrc:/Parley/Ui/Main.qml"_s));
    QCOMPARE(m_engine->rootObjects().size(), 1);
    m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
    QVERIFY(m_window);
    m_window->resize(1100, 720);
    // Drive the Session the UI binds to. It should be m_ownSession; with Qt 6.4 a default-
    // constructible singleton is built by QML itself instead of through Session::create().
    m_session = qobject_cast<Session *>(
        QQmlExpression(qmlContext(m_window), m_window, u"Session"_s).evaluate().value<QObject *>());
    QVERIFY(m_session);
    if (m_session != m_ownSession.get())
        qWarning("QML made its own Session instead of using Session::create()");
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    fillServer();
}

void tst_Screenshots::cleanupTestCase()
{
    m_engine.reset();
    Session::setInstance(nullptr);
    parley::client::DesktopNotifier::setInstance(nullptr);
    m_session = nullptr;
    m_ownSession.reset();
}

// Ben and Cleo write to Ana before she signs in: two direct chats and a group, with a link, an
// edited and a deleted message.
void tst_Screenshots::fillServer()
{
    {
        const auto ana = m_server->signUp(u"Ana Lima"_s);
        QVERIFY(ana);
        m_ana = ana->account();
    }
    m_ben = m_server->signUp(u"Ben Okafor"_s);
    m_cleo = m_server->connect();
    QVERIFY(m_ben && m_cleo);
    QVERIFY(m_cleo->registerUser(u"Cleo Park"_s, {{u"avatar"_s, portrait()}}).isValid());

    m_directChat = m_ben->directChat(m_ana.id);
    QVERIFY(!m_directChat.isEmpty());
    QVERIFY(!m_ben
                 ->sendMessage(m_directChat,
                               u"Morning Ana! Are we still on for the design "
                               u"review today?"_s)
                 .isEmpty());
    QVERIFY(!m_ben
                 ->sendMessage(m_directChat,
                               u"I put the agenda here: https://example.org/review/agenda"_s)
                 .isEmpty());
    const QJsonObject moved = m_ben->sendMessage(m_directChat, u"Can we move it to 3pm?"_s);
    QVERIFY(!moved.isEmpty());
    const QJsonObject edit =
        m_ben->request(u"message.edit"_s,
                       {{u"messageId"_s, moved.value(u"id"_s)},
                        {u"content"_s, u"Can we move it to 3pm? The small room is free then."_s}});
    QCOMPARE(edit.value(u"ok"_s).toBool(true), true);
    const QJsonObject wrong = m_ben->sendMessage(m_directChat, u"wrong chat, sorry"_s);
    QVERIFY(!wrong.isEmpty());
    m_ben->request(u"message.delete"_s, {{u"messageId"_s, wrong.value(u"id"_s)}});

    m_groupChat = m_ben->createGroup(u"Design team"_s, {m_ana.id, m_cleo->userId()});
    QVERIFY(!m_groupChat.isEmpty());
    QVERIFY(!m_cleo->sendMessage(m_groupChat, u"The draft of the launch post is up."_s).isEmpty());
    QVERIFY(
        !m_ben->sendMessage(m_groupChat, u"Looks great, one comment on the intro."_s).isEmpty());

    const QString cleoChat = m_cleo->directChat(m_ana.id);
    QVERIFY(!cleoChat.isEmpty());
    QVERIFY(!m_cleo->sendMessage(cleoChat, u"Lunch at 12:30?"_s).isEmpty());
}

void tst_Screenshots::setTheme(const QString &preference)
{
    // Theme is the UI's own singleton: reach it through the window's QML context.
    QQmlExpression expression(qmlContext(m_window), m_window,
                              u"Theme.preference = \"%1\""_s.arg(preference));
    expression.evaluate();
    QVERIFY2(!expression.hasError(), qPrintable(expression.error().toString()));
    QCOMPARE(QQmlExpression(qmlContext(m_window), m_window, u"Theme.dark"_s).evaluate().toBool(),
             preference == u"dark"_s);
}

QObject *tst_Screenshots::page() const
{
    auto *loader = m_window->findChild<QObject *>(u"pageLoader"_s);
    return loader ? loader->property("item").value<QObject *>() : nullptr;
}

QObject *tst_Screenshots::find(const char *objectName) const
{
    QObject *root = page();
    return root ? root->findChild<QObject *>(QString::fromLatin1(objectName)) : nullptr;
}

void tst_Screenshots::shoot(const QString &name)
{
    if (QTest::currentTestFailed())
        return;
    const QImage image = m_window->grabWindow();
    QVERIFY2(!image.isNull(), qPrintable(name));
    QCOMPARE(image.size(), m_window->size() * m_window->effectiveDevicePixelRatio());
    const int colours = distinctColours(image);
    QVERIFY2(colours >= MinimumColours,
             qPrintable(u"%1 has only %2 colours"_s.arg(name).arg(colours)));
    const QString path = QDir(QStringLiteral(PARLEY_SCREENSHOT_DIR)).filePath(name + u".png"_s);
    QVERIFY2(image.save(path), qPrintable(path));
    qInfo().noquote() << "saved" << path;
}

void tst_Screenshots::signInPage_data()
{
    QTest::addColumn<QString>("theme");
    QTest::addColumn<bool>("signUp");
    QTest::newRow("light") << u"light"_s << false;
    QTest::newRow("dark") << u"dark"_s << false;
    QTest::newRow("sign-up with errors") << u"light"_s << true;
}

void tst_Screenshots::signInPage()
{
    QFETCH(QString, theme);
    QFETCH(bool, signUp);
    setTheme(theme);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!m_session->signedIn());
    QTRY_VERIFY(find("emailField"));
    QVERIFY(page()->setProperty("signUp", signUp));
    // The switch says which form this is: its handle on the right for sign-up, in this very
    // frame (the picture is taken without waiting for anything to settle).
    QObject *toggle = find("createAccountSwitch");
    QVERIFY(toggle);
    auto *handle = toggle->findChild<QQuickItem *>(u"handle"_s);
    QVERIFY(handle);
    const bool handleOnRight =
        handle->x() + handle->width() / 2 > handle->parentItem()->width() / 2;
    QCOMPARE(handleOnRight, signUp);
    if (!signUp) {
        shoot(u"signin-"_s + theme);
        return;
    }
    // What a person sees after leaving each field with a mistake in it.
    const QList<std::pair<const char *, QString>> typed = {
        {"nameField", u"Ana Lima"_s},
        {"emailField", u"ana@example"_s},
        {"passwordField", u"secret"_s},
        {"confirmField", u"secrets"_s},
    };
    for (const auto &[field, text] : typed) {
        QObject *formField = find(field);
        QVERIFY(formField);
        QVERIFY(formField->setProperty("text", text));
        QVERIFY(formField->setProperty("touched", true));
    }
    QTRY_VERIFY(!find("emailField")->property("error").toString().isEmpty());
    shoot(u"signup-errors-"_s + theme);
}

// The sign-in page while this computer hosts the chat: the address others join at.
void tst_Screenshots::hostPanelWhileHosting()
{
    setTheme(u"light"_s);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!m_session->signedIn());
    QVERIFY(page()->setProperty("signUp", false));
    parley::client::HostedServer *host = m_session->host();
    QVERIFY(host);
    host->setServerBinary(QStringLiteral(PARLEY_SERVER_BINARY));
    host->setDataDir(m_dir.filePath(u"hosted"_s));
    const auto stop = qScopeGuard([host] { host->stop(); });
    host->start();
    QTRY_VERIFY_WITH_TIMEOUT(host->running(), 20000);
    QObject *address = find("lanAddress");
    QVERIFY(address);
    QTRY_VERIFY(address->property("visible").toBool());
    QVERIFY(!address->property("text").toString().isEmpty());
    shoot(u"signin-hosting-light"_s);
}

void tst_Screenshots::signInAsAna()
{
    if (m_session->signedIn())
        return;
    m_session->signIn(m_server->url().toString(), m_ana.email, m_ana.password);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->signedIn(), SignInTimeoutMs);
    QTRY_VERIFY(!m_session->chats()->loading());
    QTRY_COMPARE(m_session->chats()->count(), 3);

    m_session->selectChat(m_directChat);
    QTRY_VERIFY(m_session->messages()->loaded());
    QTRY_COMPARE(m_session->messages()->count(), 4);

    // Ana answers; Ben reads it and starts typing the next one.
    m_session->messages()->send(u"Sounds good, see you at 3!"_s);
    QTRY_COMPARE(m_session->messages()->get(0).value(u"deliveryState"_s).toInt(),
                 int(MessageModel::Sent));
    const qint64 seq = m_session->messages()->get(0).value(u"seq"_s).toLongLong();
    m_ben->request(u"chat.markRead"_s, {{u"chatId"_s, m_directChat}, {u"seq"_s, seq}});
    QTRY_COMPARE(m_session->messages()->get(0).value(u"deliveryState"_s).toInt(),
                 int(MessageModel::Read));
    m_session->messages()->send(u"I'll bring the prototypes."_s);
    QTRY_COMPARE(m_session->messages()->get(0).value(u"deliveryState"_s).toInt(),
                 int(MessageModel::Sent));
}

void tst_Screenshots::chatPage_data()
{
    QTest::addColumn<QString>("theme");
    QTest::newRow("light") << u"light"_s;
    QTest::newRow("dark") << u"dark"_s;
}

void tst_Screenshots::chatPage()
{
    QFETCH(QString, theme);
    signInAsAna();
    setTheme(theme);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(find("messageList"));

    m_ben->fire(u"typing.start"_s, {{u"chatId"_s, m_directChat}});
    QTRY_VERIFY(m_session->typing()->active());
    auto *list = qobject_cast<QQuickItem *>(find("messageList"));
    QVERIFY(list);
    QTRY_COMPARE(list->property("count").toInt(), m_session->messages()->count());
    // Cleo's direct message and the group's two are unread; Ben's chat is on screen.
    QTRY_COMPARE(m_window->title(), u"(3) Parley"_s);
    shoot(u"chat-"_s + theme);
}

void tst_Screenshots::groupDialog()
{
    signInAsAna();
    setTheme(u"light"_s);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(QMetaObject::invokeMethod(page(), "openNewGroup"));
    QObject *dialog = find("newGroupDialog");
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->property("opened").toBool());

    QObject *name = find("groupNameField");
    QVERIFY(name);
    QVERIFY(name->setProperty("text", u"Launch crew"_s));
    QObject *search = find("memberSearch");
    QVERIFY(search);
    QVERIFY(search->setProperty("text", u"o"_s));
    QTRY_VERIFY(m_session->userSearch()->count() >= 2);

    QObject *picker = find("memberPicker");
    QVERIFY(picker);
    QVariantList picked;
    for (int row = 0; row < 2; ++row) {
        const QVariantMap person = m_session->userSearch()->get(row);
        picked.append(QVariantMap{{u"userId"_s, person.value(u"userId"_s)},
                                  {u"name"_s, person.value(u"name"_s)},
                                  {u"avatarSource"_s, person.value(u"avatarSource"_s)}});
    }
    QVERIFY(QQmlProperty::write(picker, u"selected"_s, picked));
    QTRY_VERIFY(find("createGroupButton")->property("enabled").toBool());
    shoot(u"new-group-dialog"_s);
    QVERIFY(QMetaObject::invokeMethod(dialog, "close"));
    QTRY_VERIFY(!dialog->property("visible").toBool());
}

void tst_Screenshots::groupChat()
{
    signInAsAna();
    setTheme(u"light"_s);
    if (QTest::currentTestFailed())
        return;
    m_session->selectChat(m_groupChat);
    QTRY_VERIFY(m_session->messages()->loaded());
    QTRY_COMPARE(m_session->messages()->count(), 2);
    QTRY_COMPARE(m_session->chats()->get(m_groupChat).value(u"unreadCount"_s).toInt(), 0);
    shoot(u"chat-group-light"_s);
}

void tst_Screenshots::emptyState()
{
    signInAsAna();
    setTheme(u"dark"_s);
    if (QTest::currentTestFailed())
        return;
    m_session->selectChat(QString());
    QTRY_VERIFY(m_session->selectedChatId().isEmpty());
    shoot(u"chat-none-dark"_s);
}

void tst_Screenshots::groupSettings()
{
    signInAsAna();
    setTheme(u"light"_s);
    if (QTest::currentTestFailed())
        return;
    m_session->selectChat(m_groupChat);
    QTRY_COMPARE(m_session->selectedChat().value(u"memberCount"_s).toInt(), 3);
    QVERIFY(QMetaObject::invokeMethod(page(), "openGroupSettings"));
    QObject *dialog = find("groupSettingsDialog");
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->property("opened").toBool());
    shoot(u"group-settings"_s);
    QVERIFY(QMetaObject::invokeMethod(dialog, "close"));
    QTRY_VERIFY(!dialog->property("visible").toBool());
}

void tst_Screenshots::wheelMessages(QQuickItem *list, int notches)
{
    const QPointF centre = list->mapToScene(QPointF(list->width() / 2, list->height() / 2));
    QWheelEvent wheel(centre, m_window->mapToGlobal(centre), QPoint(), QPoint(0, 120 * notches),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    // Flickable tells wheel bursts apart by their time stamps: one turn of the wheel at a time.
    m_wheelTime += 500;
    wheel.setTimestamp(m_wheelTime);
    QCoreApplication::sendEvent(m_window, &wheel);
    QTRY_VERIFY(!list->property("moving").toBool());
    QCoreApplication::processEvents(); // what the scroll set off, e.g. a page request
    QTRY_VERIFY(!m_session->messages()->loading());
}

// A chat far longer than the rows kept in memory, scrolled with the mouse wheel to its first
// message and back down to the latest: pages load at one end and are dropped at the other, and
// no QML warning (a binding loop, say) may be printed on the way.
void tst_Screenshots::longChatScrollsWithoutWarnings()
{
    signInAsAna();
    setTheme(u"light"_s);
    if (QTest::currentTestFailed())
        return;
    const QString chatId = m_cleo->createGroup(u"Book club"_s, {m_ana.id, m_ben->userId()});
    QVERIFY(!chatId.isEmpty());
    const QStringList lines = {
        u"ok"_s,
        u"Chapter four changes everything, doesn't it?"_s,
        u"I read it twice. The letter at the end makes the whole first half look different, "
        u"and I only noticed the clue about the lighthouse on the second read."_s,
        u"The author's interview: https://example.org/interviews/lighthouse"_s,
        u"Next up:\n1. The Dispossessed\n2. Piranesi\n3. Klara and the Sun"_s,
        u"Pneumonoultramicroscopicsilicovolcanoconiosis_is_a_word_that_has_to_wrap_somewhere"_s,
    };
    constexpr int Messages = 180;
    for (int i = 0; i < Messages; ++i) {
        TestClient &sender = i % 3 == 0 ? *m_ben : *m_cleo; // runs of two: message groups
        QVERIFY(
            !sender.sendMessage(chatId, lines[i % lines.size()] + u" (%1)"_s.arg(i + 1)).isEmpty());
    }

    // Small pages and few rows in memory: every paging path runs within a few screens.
    MessageModel *messages = m_session->messages();
    const int pageSize = messages->pageSize();
    const int maxRows = messages->maxRows();
    messages->setPageSize(20);
    messages->setMaxRows(80);
    const auto restore = qScopeGuard([&] {
        messages->setPageSize(pageSize);
        messages->setMaxRows(maxRows);
    });
    QTest::failOnWarning(QRegularExpression(u".*"_s));

    QTRY_VERIFY(m_session->chats()->indexOf(chatId) >= 0);
    m_session->selectChat(chatId);
    QTRY_VERIFY(messages->loaded());
    auto *list = qobject_cast<QQuickItem *>(find("messageList"));
    QVERIFY(list);
    constexpr int MaxTurns = 600;
    const QDeadlineTimer deadline(150'000);

    for (int turn = 0; turn < MaxTurns && !deadline.hasExpired(); ++turn) {
        if (QTest::currentTestFailed())
            return;
        if (list->property("atYBeginning").toBool() && !messages->hasOlder())
            break;
        wheelMessages(list, 6);
    }
    QVERIFY(list->property("atYBeginning").toBool());
    QVERIFY(!messages->hasOlder());
    QCOMPARE(messages->storedMessages().constFirst().seq, 1); // below it: "Cleo created the group"
    QVERIFY(messages->hasNewer()); // the latest ones were dropped on the way up
    shoot(u"chat-history-top"_s);

    for (int turn = 0; turn < MaxTurns && !deadline.hasExpired(); ++turn) {
        if (QTest::currentTestFailed())
            return;
        if (list->property("atBottom").toBool() && !messages->hasNewer())
            break;
        wheelMessages(list, -6);
    }
    QVERIFY(list->property("atBottom").toBool());
    QVERIFY(!messages->hasNewer());
    QCOMPARE(messages->get(0).value(u"seq"_s).toLongLong(), Messages);
}

// Ben renames the group, removes Cleo and adds her again: Ana, reading it, sees a line for each.
void tst_Screenshots::groupEventLines()
{
    signInAsAna();
    setTheme(u"light"_s);
    if (QTest::currentTestFailed())
        return;
    m_session->selectChat(m_groupChat);
    QTRY_VERIFY(m_session->messages()->loaded());
    const QString cleo = m_cleo->userId();
    const auto benAsks = [this](const QString &op, const QJsonObject &data) {
        return m_ben->request(op, data).value(u"ok"_s).toBool();
    };
    QVERIFY(benAsks(u"chat.rename"_s, {{u"chatId"_s, m_groupChat}, {u"name"_s, u"Launch crew"_s}}));
    QTRY_COMPARE(m_session->selectedChat().value(u"title"_s).toString(), u"Launch crew"_s);
    QVERIFY(benAsks(u"chat.removeMember"_s, {{u"chatId"_s, m_groupChat}, {u"userId"_s, cleo}}));
    QTRY_COMPARE(m_session->selectedChat().value(u"memberCount"_s).toInt(), 2);
    QVERIFY(benAsks(u"chat.addMember"_s, {{u"chatId"_s, m_groupChat}, {u"userId"_s, cleo}}));
    QTRY_COMPARE(m_session->selectedChat().value(u"memberCount"_s).toInt(), 3);
    QTRY_COMPARE(m_session->messages()->get(0).value(u"content"_s).toString(),
                 u"Ben Okafor added Cleo Park"_s);
    QVERIFY(m_session->messages()->get(0).value(u"isEvent"_s).toBool());
    auto *list = qobject_cast<QQuickItem *>(find("messageList"));
    QVERIFY(list);
    QTRY_COMPARE(list->property("count").toInt(), m_session->messages()->count());
    shoot(u"chat-group-events-light"_s);
}

// Ana reads Ben's chat; Cleo writes to her and to the group: the bell lists both chats, each
// under its own title and sender.
void tst_Screenshots::notificationsFromTwoChats()
{
    signInAsAna();
    setTheme(u"light"_s);
    if (QTest::currentTestFailed())
        return;
    m_session->selectChat(m_directChat);
    QTRY_VERIFY(m_session->messages()->loaded());
    m_session->notifications()->clear();
    const QString cleoChat = m_cleo->directChat(m_ana.id);
    QVERIFY(!m_cleo->sendMessage(cleoChat, u"Did you see the new mock-ups?"_s).isEmpty());
    QVERIFY(!m_cleo->sendMessage(m_groupChat, u"Launch post is final."_s).isEmpty());
    QTRY_COMPARE(m_session->notifications()->rowCount(), 2);
    QCOMPARE(m_session->notifications()
                 ->index(0)
                 .data(parley::client::NotificationModel::ChatTitleRole)
                 .toString(),
             u"Launch crew"_s);
    QCOMPARE(m_session->notifications()
                 ->index(1)
                 .data(parley::client::NotificationModel::ChatTitleRole)
                 .toString(),
             u"Cleo Park"_s);
    QObject *popup = find("notificationPopup");
    QVERIFY(popup);
    QVERIFY(QMetaObject::invokeMethod(popup, "open"));
    QTRY_VERIFY(popup->property("opened").toBool());
    shoot(u"notifications-two-chats-light"_s);
    QVERIFY(QMetaObject::invokeMethod(popup, "close"));
    QTRY_VERIFY(!popup->property("visible").toBool());
}

// More than 99 notifications: the "99+" badge sits over the bell's top right corner, drawn above
// the bell, inside the sidebar, and leaves the bell itself in sight.
void tst_Screenshots::bellBadgeOverTheBell()
{
    signInAsAna();
    setTheme(u"light"_s);
    if (QTest::currentTestFailed())
        return;
    auto *notes = m_session->notifications();
    notes->clear();
    const auto clear = qScopeGuard([notes] { notes->clear(); });
    for (int i = 0; i < 120; ++i) {
        parley::Message message;
        message.id = u"bell-%1"_s.arg(i);
        message.chatId = m_groupChat;
        message.seq = 1000 + i;
        message.sender = {m_cleo->userId(), u"Cleo Park"_s, {}};
        message.content = u"Note %1"_s.arg(i);
        message.createdAt = QDateTime::currentDateTimeUtc();
        notes->add(message, u"Launch crew"_s, true);
    }
    QCOMPARE(notes->count(), 120);
    auto *bell = qobject_cast<QQuickItem *>(find("notificationsButton"));
    auto *sidebar = qobject_cast<QQuickItem *>(find("sidebar"));
    QVERIFY(bell && sidebar);
    auto *badge = bell->findChild<QQuickItem *>(u"notificationBadge"_s);
    QVERIFY(badge);
    QTRY_VERIFY(badge->isVisible());
    QCOMPARE(badge->property("countText").toString(), u"99+"_s);
    auto *content = bell->property("contentItem").value<QQuickItem *>();
    QVERIFY(content && !content->childItems().isEmpty());
    QQuickItem *icon = content->childItems().constFirst(); // the bell glyph itself
    QTRY_VERIFY(badge->width() > badge->height()); // laid out for "99+"
    const QRectF badgeRect = badge->mapRectToItem(sidebar, badge->boundingRect());
    const QRectF iconRect = icon->mapRectToItem(sidebar, icon->boundingRect());
    QVERIFY2(QRectF(0, 0, sidebar->width(), sidebar->height()).contains(badgeRect),
             "the badge is cut at the sidebar's edge");
    // It may overlap the glyph's top third, never its body.
    QVERIFY2(
        badgeRect.bottom() <= iconRect.top() + iconRect.height() / 3 + 0.5,
        qPrintable(u"the badge (bottom %1) covers the bell (%2 to %3)"_s.arg(badgeRect.bottom())
                       .arg(iconRect.top())
                       .arg(iconRect.bottom())));

    const QImage image = m_window->grabWindow();
    const qreal ratio = m_window->effectiveDevicePixelRatio();
    const QRectF inWindow = badge->mapRectToScene(badge->boundingRect());
    // Inside the border, on the fill, where the bell's outline would be if it were on top.
    const QPointF fillPoint(inWindow.left() + 4, inWindow.center().y());
    const QColor seen = image.pixelColor((fillPoint * ratio).toPoint());
    const QColor fill = badge->property("fill").value<QColor>();
    QVERIFY2(qAbs(seen.red() - fill.red()) + qAbs(seen.green() - fill.green())
                     + qAbs(seen.blue() - fill.blue())
                 < 40,
             qPrintable(
                 u"the badge's fill shows %1 where %2 was drawn"_s.arg(seen.name(), fill.name())));
    shoot(u"bell-99-plus-light"_s);
}

// The window's minimum size holds the whole layout: at that size, with the chat list at its
// widest, the open group's header, messages and composer are all inside the conversation pane.
void tst_Screenshots::minimumSizeFitsTheConversation()
{
    signInAsAna();
    setTheme(u"light"_s);
    if (QTest::currentTestFailed())
        return;
    m_session->selectChat(m_groupChat);
    QTRY_VERIFY(m_session->messages()->loaded());
    const QSize minimum = m_window->minimumSize();
    QVERIFY2(minimum.width() > 0 && minimum.height() > 0, "the window has no minimum size");
    auto *sidebar = qobject_cast<QQuickItem *>(find("sidebar"));
    auto *pane = qobject_cast<QQuickItem *>(find("conversation"));
    QVERIFY(sidebar && pane);
    const QSize before = m_window->size();
    const auto restore = qScopeGuard([this, before] { m_window->resize(before); });
    // Below it, as a window system without a window manager (Xvfb, say) or a size saved by an
    // older version allows: the window takes its minimum back.
    m_window->resize(minimum - QSize(120, 80));
    QTRY_COMPARE(m_window->size(), minimum);
    QVERIFY(QQmlProperty::write(sidebar, u"SplitView.preferredWidth"_s, 320, qmlContext(sidebar)));
    QTRY_COMPARE(sidebar->width(), 320.0);
    const QRectF window(0, 0, m_window->width(), m_window->height());
    // Laid out for the new size (the items follow the window on the next polish).
    QTRY_COMPARE(m_window->contentItem()->width(), window.width());
    QTest::qWait(50);
    const QRectF paneRect = pane->mapRectToScene(QRectF(0, 0, pane->width(), pane->height()));
    QVERIFY2(window.contains(paneRect),
             qPrintable(u"the conversation pane (%1 to %2, %3 high) runs past the %4x%5 window"_s
                            .arg(paneRect.left())
                            .arg(paneRect.right())
                            .arg(paneRect.height())
                            .arg(window.width())
                            .arg(window.height())));
    const QStringList parts = {u"chatSettingsButton"_s, u"messageList"_s, u"composer"_s,
                               u"composerInput"_s, u"sendButton"_s};
    for (const QString &name : parts) {
        auto *item = pane->findChild<QQuickItem *>(name);
        QVERIFY2(item, qPrintable(name));
        QTRY_VERIFY2(item->isVisible(), qPrintable(name));
        const QRectF rect = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
        QVERIFY2(rect.width() > 0 && rect.height() > 0,
                 qPrintable(u"%1 is %2x%3"_s.arg(name).arg(rect.width()).arg(rect.height())));
        QVERIFY2(paneRect.adjusted(-0.5, -0.5, 0.5, 0.5).contains(rect),
                 qPrintable(u"%1 at %2,%3 %4x%5 is cut by the pane %6,%7 %8x%9"_s.arg(name)
                                .arg(rect.x())
                                .arg(rect.y())
                                .arg(rect.width())
                                .arg(rect.height())
                                .arg(paneRect.x())
                                .arg(paneRect.y())
                                .arg(paneRect.width())
                                .arg(paneRect.height())));
    }
    // Room for a few messages between the header and the composer.
    auto *list = pane->findChild<QQuickItem *>(u"messageList"_s);
    QVERIFY2(list->height() >= 150, qPrintable(u"messages get %1 px"_s.arg(list->height())));
    shoot(u"chat-minimum-size-light"_s);
}

// Last: the server goes away. The banner says so, and a message sent meanwhile waits.
void tst_Screenshots::offline()
{
    signInAsAna();
    setTheme(u"light"_s);
    if (QTest::currentTestFailed())
        return;
    m_session->selectChat(m_directChat);
    QTRY_VERIFY(m_session->messages()->loaded());
    m_server->server()->stop();
    QTRY_VERIFY(!m_session->connectionBanner().isEmpty());
    m_session->messages()->send(u"Are you there?"_s);
    QTRY_COMPARE(m_session->messages()->get(0).value(u"deliveryState"_s).toInt(),
                 int(MessageModel::Pending));
    QTRY_VERIFY(find("retryNowButton")->property("visible").toBool());
    QTRY_COMPARE(find("connectionBanner")->property("height").toInt(), 32); // fully slid in
    shoot(u"chat-offline-light"_s);
}

QTEST_MAIN(tst_Screenshots)

#include "tst_screenshots.moc"
