// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// The selected chat's messages, newest at the bottom (the model is newest first, so the view
// runs bottom to top and older pages grow upwards without moving what is on screen).
ListView {
    id: list

    // Session.messages, or a stand-in with the same roles and functions (tests).
    property var messages: Session.messages
    property bool isGroupChat: Session.selectedChat["isGroup"] ?? false
    // Messages that arrived while the user was reading further up.
    property int newWhileAway: 0
    readonly property bool atBottom: contentHeight <= height || atYEnd
                                     || contentY + height >= contentHeight + originY - 64
    // The person reads the newest messages: a resize keeps them in view. A smaller window used
    // to leave the view where it was, the newest messages below the edge and the jump button.
    property bool followLatest: true
    property real settledHeight: 0

    signal editRequested(int row)

    function scrollToBottom() {
        if (messages.hasNewer)
            messages.loadNewer()
        positionViewAtBeginning()
        newWhileAway = 0
    }

    // Near the top: fetch the next older page before the user reaches it. At the bottom of a
    // chat whose latest messages were dropped: fetch the newer ones back.
    function loadPagesIfNeeded() {
        if (!messages.loaded || messages.loading)
            return
        if (messages.hasOlder && contentY - originY < height)
            messages.loadOlder()
        else if (messages.hasNewer && atBottom)
            messages.loadNewer()
    }

    // Asking for a page flips `loading`, which sizes the footer, which can move contentY: asked
    // from inside that geometry change, it re-entered the footer's height binding (a binding
    // loop). So the check runs once the current change has settled, and again after every page,
    // because a page that leaves the view at its end does not move contentY by itself.
    function schedulePaging() {
        Qt.callLater(loadPagesIfNeeded)
    }

    // Rows move as messages arrive: actions that wait for the user remember the message's seq.
    function confirmDelete(row: int) {
        deleteDialog.seq = messages.get(row).seq ?? 0
        deleteDialog.open()
    }

    model: messages
    verticalLayoutDirection: ListView.BottomToTop
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    keyNavigationEnabled: true
    activeFocusOnTab: true
    currentIndex: -1
    bottomMargin: Theme.spacingS
    topMargin: Theme.spacingS
    reuseItems: false
    cacheBuffer: 800
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Messages")
    ScrollBar.vertical: ScrollBar {}

    onContentYChanged: {
        if (atBottom)
            newWhileAway = 0
        // Moves caused by a resize say nothing about where the person wants to be.
        if (height === settledHeight)
            followLatest = atBottom
        schedulePaging()
    }
    onHeightChanged: {
        settledHeight = height
        if (followLatest)
            Qt.callLater(() => {
                if (list.followLatest)
                    list.positionViewAtBeginning()
            })
    }
    onCountChanged: schedulePaging()

    Keys.onDeletePressed: if (currentItem && currentItem.canDelete) confirmDelete(currentIndex)
    Keys.onMenuPressed: if (currentItem) contextMenu.popupFor(currentIndex, currentItem,
                                                               currentItem.width / 2, 0)
    Keys.onEscapePressed: event => {
        if (currentIndex < 0) {
            event.accepted = false
            return
        }
        currentIndex = -1
    }

    Connections {
        target: list.messages
        ignoreUnknownSignals: true
        function onNewestMessageAdded() {
            if (list.atBottom)
                list.positionViewAtBeginning()
            else if (!(list.messages.get(0).isOwn ?? false))
                ++list.newWhileAway
        }
        function onChatIdChanged() {
            list.newWhileAway = 0
            list.currentIndex = -1
        }
        function onLoadingChanged() {
            if (!list.messages.loading)
                list.schedulePaging()
        }
        function onLoadedChanged() {
            if (!list.messages.loaded)
                return
            const row = list.messages.firstUnreadSeq > 0
                ? list.messages.rowOfSeq(list.messages.firstUnreadSeq) : -1
            if (row >= 0)
                list.positionViewAtIndex(row, ListView.Center)
            else
                list.positionViewAtBeginning()
        }
    }

    delegate: MessageDelegate {
        isGroupChat: list.isGroupChat
        current: ListView.isCurrentItem && list.activeFocus
        onEditRequested: row => list.editRequested(row)
        onDeleteRequested: row => list.confirmDelete(row)
        onRetryRequested: row => list.messages.retry(row)
        onDiscardRequested: row => list.messages.discard(row)
        onContextMenuRequested: (row, item, x, y) => contextMenu.popupFor(row, item, x, y)
    }

    // The top end (older messages) in a bottom-to-top view is the footer.
    footer: Item {
        width: list.width
        height: list.messages.loading && list.messages.loaded ? 48 : 0
        BusyIndicator {
            objectName: "olderPagesSpinner"
            anchors.centerIn: parent
            width: 28
            height: 28
            running: parent.height > 0
            visible: running
            Accessible.name: qsTr("Loading older messages")
        }
    }

    // First page: skeleton bubbles instead of a spinner.
    Column {
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingM
        visible: !list.messages.loaded && list.count === 0

        Repeater {
            model: [0.42, 0.3, 0.55, 0.25, 0.4]
            Item {
                id: ghost
                required property real modelData
                required property int index
                width: parent.width
                height: 40
                Rectangle {
                    x: ghost.index % 2 === 0 ? 0 : parent.width - width
                    width: parent.width * ghost.modelData
                    height: parent.height
                    radius: Theme.radius
                    color: Theme.skeleton
                }
            }
        }
    }

    EmptyState {
        anchors.centerIn: parent
        visible: list.messages.loaded && list.count === 0
        iconName: "chat"
        title: qsTr("No messages yet")
        hint: qsTr("Say hello!")
    }

    Button {
        id: jumpButton
        objectName: "jumpToLatest"
        // Centred: on the right it covered the time and ticks of one's own messages.
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingL
        visible: !list.atBottom || list.messages.hasNewer
        readonly property bool hasNew: list.newWhileAway > 0
        text: hasNew ? qsTr("↓ %n new", "", list.newWhileAway) : "↓"
        font.pixelSize: Theme.fontMeta
        font.weight: Font.DemiBold
        leftPadding: Theme.spacingM
        rightPadding: Theme.spacingM
        contentItem: Label {
            text: jumpButton.text
            font: jumpButton.font
            color: jumpButton.hasNew ? Theme.textOnAccent : Theme.text
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
        background: PopupBackground {
            implicitWidth: 40
            implicitHeight: 36
            radius: height / 2
            shadowSize: 6
            color: jumpButton.hasNew ? Theme.accent : Theme.surface
            border.width: jumpButton.hasNew ? 0 : 1
        }
        Accessible.name: list.newWhileAway > 0
                         ? qsTr("Jump to the %n new messages", "", list.newWhileAway)
                         : qsTr("Jump to the latest message")
        onClicked: list.scrollToBottom()
    }

    AppMenu {
        id: contextMenu
        property real seq: 0
        property bool canEdit: false
        property bool canDelete: false
        property string text

        function popupFor(row: int, item: Item, x: real, y: real) {
            const data = list.messages.get(row)
            seq = data.seq ?? 0
            canEdit = data.canEdit ?? false
            canDelete = data.canDelete ?? false
            text = data.deleted ? "" : (data.content ?? "")
            popup(item, x, y)
        }

        MenuItem {
            text: qsTr("Copy text")
            enabled: contextMenu.text !== ""
            onTriggered: {
                clipboardHelper.text = contextMenu.text
                clipboardHelper.selectAll()
                clipboardHelper.copy()
            }
        }
        MenuItem {
            text: qsTr("Edit")
            enabled: contextMenu.canEdit
            onTriggered: {
                const row = list.messages.rowOfSeq(contextMenu.seq)
                if (row >= 0)
                    list.editRequested(row)
            }
        }
        MenuItem {
            text: qsTr("Delete")
            enabled: contextMenu.canDelete
            onTriggered: {
                const row = list.messages.rowOfSeq(contextMenu.seq)
                if (row >= 0)
                    list.confirmDelete(row)
            }
        }
    }

    // QML has no clipboard API in Qt 6.4: copying goes through a hidden text field.
    TextEdit {
        id: clipboardHelper
        visible: false
    }

    Dialog {
        id: deleteDialog
        property real seq: 0
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Delete this message?")
        padding: Theme.spacingXl
        topPadding: Theme.spacingL
        background: PopupBackground {}
        header: DialogHeader {
            text: deleteDialog.title
        }
        Label {
            text: qsTr("It will show as “This message was deleted” for everyone.")
            color: Theme.textSecondary
            wrapMode: Text.Wrap
        }
        footer: DialogFooter {
            Button {
                text: qsTr("Cancel")
                flat: true
                Accessible.name: text
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
            AccentButton {
                text: qsTr("Delete")
                danger: true
                Accessible.name: qsTr("Delete the message")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
        }
        onAccepted: {
            const row = list.messages.rowOfSeq(seq)
            if (row >= 0)
                list.messages.remove(row)
        }
    }
}
