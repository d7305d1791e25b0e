// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley
import "Linkify.js" as Linkify

// One message: a day separator and the "new messages" divider above it when due, then the
// bubble (or, for a group change, a centred line). Own messages sit right in an accent tint; others left, with avatar and name on the
// first of a group. Hovering shows the actions the user may take.
Item {
    id: message

    required property int index
    required property string messageId
    required property string senderId
    required property string senderName
    required property string senderAvatarSource
    required property string content
    required property date createdAt
    required property string timeText
    required property bool edited
    required property bool deleted
    required property bool isOwn
    required property int deliveryState
    required property string errorText
    required property bool showDaySeparator
    required property string dayLabel
    required property bool firstOfGroup
    required property bool readByAll
    required property var readBy
    required property bool isFirstUnread
    required property bool canEdit
    required property bool canDelete
    // A line about the group ("Ana added Ben"), centred, with content as its text.
    required property bool isEvent

    property bool isGroupChat: false
    property bool current: false

    readonly property bool pending: deliveryState === MessageModel.Pending
    readonly property bool failed: deliveryState === MessageModel.Failed
    readonly property bool showSender: !isOwn && firstOfGroup && !isEvent
    readonly property int avatarSize: 36
    readonly property int sideMargin: Theme.spacingL
    readonly property real maxBubbleWidth: Math.min(640, (width - 2 * sideMargin - avatarSize
                                                          - Theme.spacingS) * 0.8)
    readonly property bool showActions: (hover.hovered || current) && !deleted
                                        && (canEdit || canDelete || failed)
    readonly property string statusText: {
        if (!isOwn || deleted)
            return ""
        switch (deliveryState) {
        case MessageModel.Pending:
            return qsTr("Sending…")
        case MessageModel.Failed:
            return qsTr("Not sent")
        case MessageModel.Read:
            return isGroupChat && readBy.length > 0 ? qsTr("Read by %1").arg(readBy.join(", "))
                                                    : qsTr("Read")
        default:
            return readBy.length > 0 ? qsTr("Sent. Read by %1").arg(readBy.join(", "))
                                     : qsTr("Sent")
        }
    }

    signal editRequested(int row)
    signal deleteRequested(int row)
    signal retryRequested(int row)
    signal discardRequested(int row)
    signal contextMenuRequested(int row, Item item, real x, real y)

    width: ListView.view ? ListView.view.width : 400
    implicitHeight: column.implicitHeight

    Accessible.role: Accessible.ListItem
    Accessible.name: {
        if (isEvent)
            return content
        const who = isOwn ? qsTr("You") : senderName
        const what = deleted ? qsTr("This message was deleted") : content
        let description = qsTr("%1, %2: %3").arg(who).arg(timeText).arg(what)
        if (edited && !deleted)
            description += ", " + qsTr("edited")
        if (statusText !== "")
            description += ", " + statusText
        return description
    }

    HoverHandler {
        id: hover
    }

    TapHandler {
        acceptedButtons: Qt.RightButton
        onTapped: (eventPoint, button) => message.contextMenuRequested(
                      message.index, message, eventPoint.position.x, eventPoint.position.y)
    }

    Column {
        id: column
        width: parent.width
        topPadding: message.firstOfGroup ? Theme.spacingS : 2
        bottomPadding: 0
        spacing: Theme.spacingXs

        DividerLabel {
            visible: message.showDaySeparator
            width: parent.width - 2 * message.sideMargin
            x: message.sideMargin
            height: visible ? 32 : 0
            text: message.dayLabel
        }

        DividerLabel {
            objectName: "newMessagesDivider"
            visible: message.isFirstUnread
            width: parent.width - 2 * message.sideMargin
            x: message.sideMargin
            height: visible ? 28 : 0
            text: qsTr("New messages")
            color: Theme.accent
            lineColor: Theme.accent
        }

        Label {
            objectName: "groupEventLine"
            visible: message.isEvent
            width: parent.width - 2 * message.sideMargin
            x: message.sideMargin
            topPadding: Theme.spacingXs
            bottomPadding: Theme.spacingXs
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: message.content
            color: Theme.textSecondary
            font.pixelSize: Theme.fontMeta
        }

        Item {
            id: line
            visible: !message.isEvent
            width: parent.width
            height: visible ? bubbleColumn.implicitHeight : 0

            Avatar {
                visible: message.showSender
                x: message.sideMargin
                y: 0
                size: message.avatarSize
                name: message.senderName
                source: message.senderAvatarSource
                colorKey: message.senderId
            }

            Column {
                id: bubbleColumn
                x: message.isOwn ? parent.width - message.sideMargin - width
                                 : message.sideMargin + message.avatarSize + Theme.spacingS
                spacing: 2

                Label {
                    visible: message.showSender
                    text: message.senderName
                    font.pixelSize: Theme.fontMeta + 1
                    font.weight: Font.DemiBold
                    color: Theme.text
                }

                MessageBubble {
                    id: bubble
                    anchors.right: message.isOwn ? parent.right : undefined
                    maxWidth: message.maxBubbleWidth
                    own: message.isOwn
                    content: message.content
                    deleted: message.deleted
                    edited: message.edited
                    timeText: message.timeText
                    createdAt: message.createdAt
                    deliveryState: message.deliveryState
                    readByAll: message.readByAll
                    statusText: message.statusText
                }

                Row {
                    visible: message.failed
                    anchors.right: parent.right
                    spacing: Theme.spacingXs
                    Icon {
                        anchors.verticalCenter: parent.verticalCenter
                        width: 14
                        height: 14
                        name: "error"
                        color: Theme.error
                    }
                    Label {
                        anchors.verticalCenter: parent.verticalCenter
                        text: message.errorText !== "" ? message.errorText : qsTr("Not sent.")
                        color: Theme.error
                        font.pixelSize: Theme.fontMeta
                    }
                    Button {
                        anchors.verticalCenter: parent.verticalCenter
                        flat: true
                        implicitHeight: 28
                        topInset: 0
                        bottomInset: 0
                        text: qsTr("Retry")
                        font.pixelSize: Theme.fontMeta
                        Accessible.name: qsTr("Retry sending")
                        onClicked: message.retryRequested(message.index)
                    }
                    Button {
                        anchors.verticalCenter: parent.verticalCenter
                        flat: true
                        implicitHeight: 28
                        topInset: 0
                        bottomInset: 0
                        text: qsTr("Discard")
                        font.pixelSize: Theme.fontMeta
                        Accessible.name: qsTr("Discard message")
                        onClicked: message.discardRequested(message.index)
                    }
                }
            }

            // Actions beside the bubble, on hover or keyboard focus.
            Rectangle {
                id: actions
                visible: message.showActions && !message.failed
                y: bubbleColumn.y + (message.showSender ? bubble.y : 0)
                x: message.isOwn ? bubbleColumn.x - width - Theme.spacingXs
                                 : bubbleColumn.x + bubbleColumn.width + Theme.spacingXs
                width: actionRow.implicitWidth + 4
                height: actionRow.implicitHeight + 4
                radius: Theme.radius
                color: Theme.surface
                border.width: 1
                border.color: Theme.divider

                Row {
                    id: actionRow
                    anchors.centerIn: parent
                    IconButton {
                        visible: message.canEdit
                        implicitWidth: 30
                        implicitHeight: 30
                        iconSize: 16
                        iconName: "edit"
                        label: qsTr("Edit message")
                        onClicked: message.editRequested(message.index)
                    }
                    IconButton {
                        visible: message.canDelete
                        implicitWidth: 30
                        implicitHeight: 30
                        iconSize: 16
                        iconName: "delete"
                        label: qsTr("Delete message")
                        onClicked: message.deleteRequested(message.index)
                    }
                }
            }
        }
    }
}
