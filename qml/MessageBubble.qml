// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Parley
import "Linkify.js" as Linkify

// A message's bubble: selectable text with clickable links, then time, "edited" and the delivery
// mark, on the last line when it fits.
Rectangle {
    id: bubble

    property real maxWidth: 480
    property bool own: false
    property string content
    property bool deleted: false
    property bool edited: false
    property string timeText
    property date createdAt
    property int deliveryState: MessageModel.Sent
    property bool readByAll: false
    property string statusText

    readonly property int padX: Theme.spacingM
    readonly property int padY: Theme.spacingS
    readonly property real textMaxWidth: Math.max(40, maxWidth - 2 * padX)
    readonly property bool metaInline: body.lineCount <= 1
                                       && body.width + Theme.spacingS + meta.implicitWidth
                                          <= textMaxWidth
    readonly property color secondary: Theme.textSecondary

    implicitWidth: (metaInline ? body.width + Theme.spacingS + meta.implicitWidth
                               : Math.max(body.width, meta.implicitWidth)) + 2 * padX
    implicitHeight: (metaInline ? Math.max(body.height, meta.implicitHeight)
                                : body.height + 2 + meta.implicitHeight) + 2 * padY
    width: implicitWidth
    height: implicitHeight
    radius: Theme.radius
    color: own ? Theme.bubbleOwn : Theme.bubbleOther

    TextEdit {
        id: body
        objectName: "messageText"
        x: bubble.padX
        y: bubble.padY
        width: Math.min(Math.ceil(implicitWidth), bubble.textMaxWidth)
        readOnly: true
        selectByMouse: !bubble.deleted
        persistentSelection: false
        wrapMode: TextEdit.Wrap
        textFormat: !bubble.deleted && Linkify.hasLink(bubble.content) ? TextEdit.RichText
                                                                        : TextEdit.PlainText
        text: bubble.deleted ? qsTr("This message was deleted")
                             : (textFormat === TextEdit.RichText
                                ? Linkify.toHtml(bubble.content, Theme.link) : bubble.content)
        color: bubble.deleted ? bubble.secondary : Theme.text
        selectionColor: Theme.accent
        selectedTextColor: Theme.textOnAccent
        font.pixelSize: Theme.fontBody
        font.italic: bubble.deleted
        activeFocusOnPress: false
        Accessible.role: Accessible.StaticText
        Accessible.name: bubble.deleted ? text : bubble.content

        onLinkActivated: link => Qt.openUrlExternally(link)

        HoverHandler {
            cursorShape: body.hoveredLink !== "" ? Qt.PointingHandCursor : Qt.IBeamCursor
        }
    }

    Row {
        id: meta
        anchors.right: parent.right
        anchors.rightMargin: bubble.padX
        anchors.bottom: parent.bottom
        anchors.bottomMargin: bubble.padY - 1
        spacing: Theme.spacingXs

        Label {
            visible: bubble.edited && !bubble.deleted
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("edited")
            font.pixelSize: Theme.fontSmall
            font.italic: true
            color: bubble.secondary
        }

        Label {
            id: time
            anchors.verticalCenter: parent.verticalCenter
            text: bubble.timeText
            font.pixelSize: Theme.fontSmall
            color: bubble.secondary

            HoverHandler {
                id: timeHover
            }
            ToolTip.visible: timeHover.hovered
            ToolTip.delay: 400
            ToolTip.text: bubble.createdAt.toLocaleString(Qt.locale(), Locale.LongFormat)
        }

        Icon {
            id: status
            visible: bubble.own && !bubble.deleted
            anchors.verticalCenter: parent.verticalCenter
            width: 16
            height: 16
            name: {
                switch (bubble.deliveryState) {
                case MessageModel.Pending:
                    return "clock"
                case MessageModel.Failed:
                    return "error"
                case MessageModel.Read:
                    return "check-all"
                default:
                    return "check"
                }
            }
            color: bubble.deliveryState === MessageModel.Failed ? Theme.error
                 : bubble.deliveryState === MessageModel.Read ? Theme.link : bubble.secondary
            Accessible.role: Accessible.Graphic
            Accessible.name: bubble.statusText

            HoverHandler {
                id: statusHover
            }
            ToolTip.visible: statusHover.hovered && bubble.statusText !== ""
            ToolTip.delay: 300
            ToolTip.text: bubble.statusText
        }
    }
}
