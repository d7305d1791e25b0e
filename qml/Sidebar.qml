// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// The left pane: app bar (menu, name, notifications), people search, the chat list and
// "New group".
Rectangle {
    id: sidebar

    readonly property bool searching: search.text.trim() !== ""

    signal newGroupRequested()
    signal profileRequested()
    signal signOutRequested()

    function focusSearch() {
        search.forceActiveFocus()
        search.selectAll()
    }

    function endSearch() {
        search.clear()
        chatList.forceActiveFocus()
    }

    color: Theme.sidebar

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // App bar
        RowLayout {
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            Layout.leftMargin: Theme.spacingS
            Layout.rightMargin: Theme.spacingS
            spacing: Theme.spacingXs

            IconButton {
                id: menuButton
                iconName: "menu"
                label: qsTr("Main menu")
                onClicked: mainMenu.open()

                AppMenu {
                    id: mainMenu
                    y: menuButton.height
                    MenuItem {
                        text: qsTr("Profile (%1)…").arg(Session.userName)
                        Accessible.name: qsTr("Edit your profile")
                        onTriggered: sidebar.profileRequested()
                    }
                    MenuItem {
                        text: qsTr("New group…")
                        Accessible.name: text
                        onTriggered: sidebar.newGroupRequested()
                    }
                    MenuSeparator {}
                    MenuItem {
                        text: qsTr("Sign out…")
                        Accessible.name: qsTr("Sign out")
                        onTriggered: sidebar.signOutRequested()
                    }
                }
            }

            Label {
                Layout.fillWidth: true
                text: qsTr("Parley")
                font.pixelSize: Theme.fontTitle + 2
                font.weight: Font.DemiBold
                color: Theme.text
                elide: Text.ElideRight
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }

            IconButton {
                id: bell
                objectName: "notificationsButton"
                iconName: "bell"
                label: Session.notifications.count > 0
                       ? qsTr("Notifications (%1)").arg(Session.notifications.count)
                       : qsTr("Notifications")
                onClicked: notifications.opened ? notifications.close() : notifications.open()

                // Over the bell's top right corner, above it and raised so that the bell's body
                // stays in sight even with "99+" (a wide badge at y 0 covered half of it).
                Badge {
                    objectName: "notificationBadge"
                    z: 1
                    x: parent.width - width + 4
                    y: -4
                    implicitHeight: 18
                    count: Session.notifications.count
                    border.width: 2
                    border.color: Theme.sidebar
                }

                NotificationPopup {
                    id: notifications
                    x: bell.width - width
                    y: bell.height + Theme.spacingXs
                }
            }
        }

        HostingBar {
            Layout.fillWidth: true
            Layout.bottomMargin: visible ? Theme.spacingS : 0
        }

        SearchField {
            id: search
            objectName: "peopleSearch"
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingM
            Layout.rightMargin: Theme.spacingM
            Layout.bottomMargin: Theme.spacingS
            placeholderText: qsTr("Search people")
            accessibleName: qsTr("Search people")
            onTextChanged: Session.userSearch.query = text.trim()
            Keys.onEscapePressed: event => {
                if (text === "") {
                    event.accepted = false
                    return
                }
                sidebar.endSearch()
            }
            Keys.onDownPressed: people.forceActiveFocus()
            Keys.onReturnPressed: people.activateCurrent()
            Keys.onEnterPressed: people.activateCurrent()
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: 1
            color: Theme.divider
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: sidebar.searching ? 1 : 0

            ChatList {
                id: chatList
                objectName: "chatList"
            }

            PeopleList {
                id: people
                objectName: "peopleResults"
                people: Session.userSearch
                Keys.onEscapePressed: sidebar.endSearch()
                onChosen: userId => {
                    Session.openDirectChat(userId)
                    sidebar.endSearch()
                }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: 1
            color: Theme.divider
        }

        Button {
            objectName: "newGroupButton"
            Layout.fillWidth: true
            Layout.margins: Theme.spacingS
            flat: true
            text: qsTr("New group")
            Accessible.name: qsTr("New group")
            onClicked: sidebar.newGroupRequested()
            contentItem: Row {
                spacing: Theme.spacingS
                Icon {
                    anchors.verticalCenter: parent.verticalCenter
                    width: 20
                    height: 20
                    name: "group"
                    color: Theme.accent
                }
                Label {
                    anchors.verticalCenter: parent.verticalCenter
                    text: qsTr("New group")
                    color: Theme.accent
                    font.weight: Font.Medium
                }
            }
        }
    }
}
