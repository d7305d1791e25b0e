// SPDX-License-Identifier: GPL-3.0-or-later
#include "desktopnotifier.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QPointer>
#include <QVariantMap>

#ifdef PARLEY_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

using namespace Qt::StringLiterals;

namespace parley::client {

Q_LOGGING_CATEGORY(lcNotifier, "parley.notifier")

namespace {

QPointer<DesktopNotifier> s_instance;

#ifdef PARLEY_HAVE_DBUS
const auto Service = u"org.freedesktop.Notifications"_s;
const auto Path = u"/org/freedesktop/Notifications"_s;
const auto Interface = u"org.freedesktop.Notifications"_s;
#endif

constexpr int BodyChars = 200; // a preview, not the whole message

} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{
#ifdef PARLEY_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    m_available = bus.isConnected() && bus.interface()
        && bus.interface()->isServiceRegistered(Service).value();
    if (m_available) {
        bus.connect(Service, Path, Interface, u"ActionInvoked"_s, this,
                    SLOT(onActionInvoked(uint, QString)));
        bus.connect(Service, Path, Interface, u"NotificationClosed"_s, this,
                    SLOT(onClosed(uint, uint)));
    }
#endif
}

DesktopNotifier::~DesktopNotifier()
{
    if (s_instance == this)
        s_instance = nullptr;
}

DesktopNotifier *DesktopNotifier::create(QQmlEngine *, QJSEngine *)
{
    if (!s_instance)
        s_instance = new DesktopNotifier(QCoreApplication::instance());
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void DesktopNotifier::setInstance(DesktopNotifier *notifier)
{
    s_instance = notifier;
}

void DesktopNotifier::setDoNotDisturb(bool on)
{
    if (m_doNotDisturb == on)
        return;
    m_doNotDisturb = on;
    emit doNotDisturbChanged();
}

void DesktopNotifier::show(const QString &chatId, const QString &title, const QString &body)
{
    if (m_doNotDisturb || !m_available)
        return;
#ifdef PARLEY_HAVE_DBUS
    QString preview = body.simplified();
    if (preview.size() > BodyChars)
        preview = preview.left(BodyChars - 1) + u'…';
    QDBusMessage call = QDBusMessage::createMethodCall(Service, Path, Interface, u"Notify"_s);
    const QString appName = QCoreApplication::applicationName();
    const QString icon = QGuiApplication::desktopFileName();
    call << appName << m_ids.value(chatId, 0u) << icon << title << preview.toHtmlEscaped()
         << QStringList{u"default"_s, tr("Open")}
         << QVariantMap{{u"desktop-entry"_s, icon}, {u"category"_s, u"im.received"_s}} << int(-1);
    auto *watcher =
        new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, chatId](QDBusPendingCallWatcher *finished) {
                finished->deleteLater();
                const QDBusPendingReply<uint> reply = *finished;
                if (reply.isError()) {
                    qCDebug(lcNotifier) << "Notify failed:" << reply.error().message();
                    return;
                }
                m_ids.insert(chatId, reply.value());
            });
#else
    Q_UNUSED(chatId)
    Q_UNUSED(title)
    Q_UNUSED(body)
#endif
}

void DesktopNotifier::withdraw(const QString &chatId)
{
    const uint id = m_ids.take(chatId);
    if (id == 0)
        return;
#ifdef PARLEY_HAVE_DBUS
    QDBusMessage call =
        QDBusMessage::createMethodCall(Service, Path, Interface, u"CloseNotification"_s);
    call << id;
    QDBusConnection::sessionBus().asyncCall(call);
#endif
}

void DesktopNotifier::onActionInvoked(uint id, const QString &action)
{
    Q_UNUSED(action)
    for (auto it = m_ids.cbegin(); it != m_ids.cend(); ++it) {
        if (it.value() == id) {
            emit activated(it.key());
            return;
        }
    }
}

void DesktopNotifier::onClosed(uint id, uint reason)
{
    Q_UNUSED(reason)
    for (auto it = m_ids.begin(); it != m_ids.end(); ++it) {
        if (it.value() == id) {
            m_ids.erase(it);
            return;
        }
    }
}

} // namespace parley::client
