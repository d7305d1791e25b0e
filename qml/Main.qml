// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Qt.labs.settings
import Parley

// The app window: the sign-in card while signed out, the chat page while signed in.
ApplicationWindow {
    id: appWindow

    // The sign-in page was on screen once: a later sign-in shows its progress there rather than
    // on the splash that covers the silent sign-in at start.
    property bool signInShown: false

    width: 1100
    height: 720
    minimumWidth: 720
    minimumHeight: 480
    visible: true
    title: Session.chats.totalUnread > 0 ? qsTr("(%1) Parley").arg(Session.chats.totalUnread)
                                         : qsTr("Parley")
    color: Theme.background
    // Sentence case everywhere, Material's capitals included.
    font.capitalization: Font.MixedCase
    font.pixelSize: Theme.fontBody

    Material.theme: Theme.dark ? Material.Dark : Material.Light
    Material.accent: Theme.accent
    Material.primary: Theme.accent
    Material.background: Theme.background
    Material.foreground: Theme.text

    // Nothing else holds the window at its minimum without a window manager (Xvfb, some
    // kiosks), nor when a smaller size was saved: the layout needs at least this much.
    onWidthChanged: if (width < minimumWidth) width = minimumWidth
    onHeightChanged: if (height < minimumHeight) height = minimumHeight

    Settings {
        category: "window"
        property alias x: appWindow.x
        property alias y: appWindow.y
        property alias width: appWindow.width
        property alias height: appWindow.height
    }

    Loader {
        id: pageLoader
        objectName: "pageLoader"
        anchors.fill: parent
        focus: true
        sourceComponent: Session.signedIn ? chatPage
                                          : (Session.state === Session.SigningIn
                                             && !appWindow.signInShown ? splash : signInPage)
        onLoaded: if (sourceComponent === signInPage) appWindow.signInShown = true
    }

    Component {
        id: signInPage
        SignInPage {}
    }

    Component {
        id: chatPage
        ChatPage {}
    }

    Component {
        id: splash
        Splash {}
    }

    Toast {
        id: toast
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 88
    }

    Connections {
        target: Session
        function onActionFailed(message: string) {
            toast.show(message)
        }
        function onNotice(message: string) {
            toast.show(message)
        }
    }

    // Qt.labs.platform falls back to Qt Widgets where the desktop has no tray of its own, and this
    // app has none: no tray on headless platforms, and none until there is something to show.
    Instantiator {
        active: Session.signedIn && Qt.platform.pluginName !== "offscreen"
                && Qt.platform.pluginName !== "minimal"
        delegate: TrayIcon {
            window: appWindow
        }
    }
}
