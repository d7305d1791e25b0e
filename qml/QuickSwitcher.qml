// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// Ctrl+K: type to filter chats and people; Enter opens the chat (or starts one with the person).
Popup {
    id: switcher

    property var session: Session
    property var chats: Session.chats
    property var people: Session.userSearch
    readonly property string query: field.text.trim()
    readonly property int maxChats: 8

    function rebuild() {
        results.clear()
        const needle = query.toLocaleLowerCase()
        const chatIds = []
        // Walked by row: a DelegateModel without a view held no items, so Ctrl+K listed nothing.
        for (let row = 0; row < chats.count && chatIds.length < maxChats; ++row) {
            const chat = chats.get(chats.chatIdAt(row))
            if (needle !== "" && !chat.title.toLocaleLowerCase().includes(needle))
                continue
            chatIds.push(chat.chatId)
            results.append({ kind: "chat", key: chat.chatId, title: chat.title,
                             subtitle: chat.isGroup ? qsTr("Group, %n members", "", chat.memberCount)
                                                    : qsTr("Direct chat"),
                             avatarSource: chat.avatarSource, avatarKey: chat.avatarKey })
        }
        if (needle !== "")
            appendPeople()
        // Enter opens the first match, also when the people answer came after the typing.
        list.currentIndex = results.count > 0 ? 0 : -1
    }

    function appendPeople() {
        // People already in a direct chat show as that chat.
        const directWith = new Set()
        for (let row = 0; row < chats.count; ++row) {
            const chat = chats.get(chats.chatIdAt(row))
            if (!chat.isGroup)
                directWith.add(chat.otherUserId)
        }
        for (let row = 0; row < people.count; ++row) {
            const person = people.get(row)
            if (directWith.has(person.userId))
                continue
            results.append({ kind: "person", key: person.userId, title: person.name,
                             subtitle: person.email, avatarSource: person.avatarSource,
                             avatarKey: person.userId })
        }
    }

    function activate(row: int) {
        if (row < 0 || row >= results.count)
            return
        const item = results.get(row)
        if (item.kind === "chat")
            session.selectChat(item.key)
        else
            session.openDirectChat(item.key)
        close()
    }

    objectName: "quickSwitcher"
    parent: Overlay.overlay
    x: Math.round((parent.width - width) / 2)
    y: Math.round(parent.height * 0.12)
    width: Math.min(520, parent.width - 2 * Theme.spacingXl)
    height: Math.min(contentColumn.implicitHeight + 2 * padding, parent.height * 0.7)
    padding: Theme.spacingS
    modal: true
    focus: true
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    onAboutToShow: {
        field.clear()
        rebuild()
    }
    onOpened: field.forceActiveFocus()
    onClosed: people.query = ""
    onQueryChanged: {
        people.query = query
        rebuild()
    }

    ListModel {
        id: results
    }

    Connections {
        target: switcher.people
        function onCountChanged() {
            if (switcher.opened)
                switcher.rebuild()
        }
    }

    background: PopupBackground {}

    contentItem: ColumnLayout {
        id: contentColumn
        spacing: Theme.spacingS
        Accessible.role: Accessible.Pane
        Accessible.name: qsTr("Jump to a chat or person")

        SearchField {
            id: field
            objectName: "switcherField"
            Layout.fillWidth: true
            placeholderText: qsTr("Jump to a chat or person…")
            accessibleName: qsTr("Jump to a chat or person")
            Keys.onDownPressed: list.incrementCurrentIndex()
            Keys.onUpPressed: list.decrementCurrentIndex()
            Keys.onReturnPressed: switcher.activate(list.currentIndex)
            Keys.onEnterPressed: switcher.activate(list.currentIndex)
        }

        ListView {
            id: list
            objectName: "switcherResults"
            Layout.fillWidth: true
            Layout.fillHeight: true
            implicitHeight: Math.max(contentHeight, 48)
            model: results
            clip: true
            currentIndex: 0
            boundsBehavior: Flickable.StopAtBounds
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Matches")
            section.property: "kind"
            section.delegate: Label {
                required property string section
                leftPadding: Theme.spacingS
                topPadding: Theme.spacingS
                bottomPadding: Theme.spacingXs
                text: section === "chat" ? qsTr("Chats") : qsTr("People")
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
                color: Theme.textSecondary
            }

            delegate: ItemDelegate {
                id: match
                required property int index
                required property string title
                required property string subtitle
                required property string avatarSource
                required property string avatarKey

                width: ListView.view.width
                height: 48
                focusPolicy: Qt.NoFocus
                Accessible.role: Accessible.ListItem
                Accessible.name: qsTr("%1, %2").arg(title).arg(subtitle)
                background: Rectangle {
                    radius: Theme.radius
                    color: match.ListView.isCurrentItem ? Theme.selected
                                                        : (match.hovered ? Theme.hover : "transparent")
                }
                contentItem: RowLayout {
                    spacing: Theme.spacingM
                    Avatar {
                        size: 32
                        name: match.title
                        source: match.avatarSource
                        colorKey: match.avatarKey
                    }
                    Label {
                        text: match.title
                        color: Theme.text
                        elide: Text.ElideRight
                        Layout.maximumWidth: match.width * 0.55
                    }
                    Label {
                        Layout.fillWidth: true
                        text: match.subtitle
                        color: Theme.textSecondary
                        font.pixelSize: Theme.fontMeta
                        elide: Text.ElideRight
                    }
                }
                onClicked: switcher.activate(index)
            }

            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: switcher.people.loading ? qsTr("Searching…")
                      : switcher.query === "" ? qsTr("No chats yet. Type a name to find someone.")
                      : qsTr("No chat or person matches “%1”.").arg(switcher.query)
                color: Theme.textSecondary
            }
        }
    }
}
