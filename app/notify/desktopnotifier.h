// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>

class QJSEngine;
class QQmlEngine;

namespace parley::client {

// Desktop notifications through the freedesktop Notifications service on D-Bus (Linux, BSD);
// where there is none it does nothing. Clicking one emits activated(chatId).
class DesktopNotifier : public QObject
{
    Q_OBJECT

    // The tray menu's "Do not disturb": nothing is shown while set.
    Q_PROPERTY(bool doNotDisturb READ doNotDisturb WRITE setDoNotDisturb NOTIFY doNotDisturbChanged)
    Q_PROPERTY(bool available READ available CONSTANT)

public:
    // No default argument: QML 6.4 would build its own singleton with it instead of calling
    // create().
    explicit DesktopNotifier(QObject *parent);
    ~DesktopNotifier() override;

    // For QML: the instance main() made (see setInstance).
    static DesktopNotifier *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);
    static void setInstance(DesktopNotifier *notifier);

    bool doNotDisturb() const { return m_doNotDisturb; }
    void setDoNotDisturb(bool on);
    bool available() const { return m_available; }

    // Shows (or replaces, per chat) a notification; title is the sender (and chat), body the text.
    Q_INVOKABLE void show(const QString &chatId, const QString &title, const QString &body);
    Q_INVOKABLE void withdraw(const QString &chatId);

signals:
    void doNotDisturbChanged();
    void activated(const QString &chatId);

private slots:
    void onActionInvoked(uint id, const QString &action);
    void onClosed(uint id, uint reason);

private:
    bool m_doNotDisturb = false;
    bool m_available = false;
    QHash<QString, uint> m_ids; // chat → notification id, so a chat replaces its own
};

} // namespace parley::client
