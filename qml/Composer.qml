// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// Where messages are written: grows to six lines, Enter sends, Shift+Enter starts a new line,
// Up in an empty composer edits the last own message. It stays usable offline: sends queue.
Rectangle {
    id: composer

    // Session.messages and Session.typing, or stand-ins with send/edit/get/rowOfSeq/
    // lastOwnEditableRow and typed/stopTyping (tests).
    property var messages: Session.messages
    property var typing: Session.typing
    property string chatId: Session.selectedChatId
    property bool offline: Session.connectionState === Connection.Offline
    // Why the composer cannot be used, "" when it can.
    property string disabledReason: chatId === "" ? qsTr("Pick a chat to write in it.") : ""
    property int maxLines: 6
    readonly property int maxLength: FormRules.contentMaxChars

    // The message being edited, by seq (rows move as messages arrive); 0 when writing a new one.
    property real editSeq: 0
    property string editOriginal
    readonly property bool editing: editSeq > 0
    readonly property alias text: area.text
    readonly property int overflow: [...area.text.trim()].length - maxLength
    readonly property bool canSend: area.text.trim() !== "" && overflow <= 0
                                    && disabledReason === ""

    property var drafts: ({})
    property string draftChat: chatId
    property bool settingText: false

    signal sent()

    function setText(text: string) {
        settingText = true
        area.text = text
        area.cursorPosition = area.length
        settingText = false
    }

    function beginEdit(row: int) {
        const data = messages.get(row)
        if (!data.canEdit)
            return
        editSeq = data.seq
        editOriginal = data.content
        setText(data.content)
        focusInput()
    }

    function cancelEdit() {
        editSeq = 0
        editOriginal = ""
        setText("")
    }

    function focusInput() {
        area.forceActiveFocus()
    }

    // Sends (or saves the edit); returns whether something went out.
    function submit(): bool {
        if (!canSend)
            return false
        const text = area.text.trim()
        if (editing) {
            const row = messages.rowOfSeq(editSeq)
            if (row >= 0 && text !== editOriginal)
                messages.edit(row, text)
            cancelEdit()
            return row >= 0
        }
        messages.send(text)
        typing.stopTyping()
        setText("")
        sent()
        return true
    }

    function insertNewline() {
        if (area.selectedText !== "")
            area.remove(area.selectionStart, area.selectionEnd)
        area.insert(area.cursorPosition, "\n")
    }

    // Drafts stay with their chat when switching.
    onChatIdChanged: {
        if (editing)
            cancelEdit()
        if (draftChat !== "")
            drafts[draftChat] = area.text
        draftChat = chatId
        setText(drafts[chatId] ?? "")
    }

    implicitHeight: column.implicitHeight + Theme.spacingS + Theme.spacingM
    color: Theme.background

    FontMetrics {
        id: metrics
        font: area.font
    }

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.leftMargin: Theme.spacingL
        anchors.rightMargin: Theme.spacingL
        anchors.topMargin: Theme.spacingS
        spacing: Theme.spacingXs

        RowLayout {
            visible: composer.editing
            Layout.fillWidth: true
            spacing: Theme.spacingS
            Icon {
                Layout.preferredWidth: 16
                Layout.preferredHeight: 16
                name: "edit"
                color: Theme.accent
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Editing message. Esc cancels.")
                color: Theme.accent
                font.pixelSize: Theme.fontMeta
            }
            IconButton {
                implicitWidth: 28
                implicitHeight: 28
                iconSize: 16
                iconName: "close"
                label: qsTr("Cancel editing")
                onClicked: composer.cancelEdit()
            }
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: Math.max(44, scroller.implicitHeight)
            radius: Theme.radius + 4
            color: Theme.field
            border.width: area.activeFocus ? 2 : 0
            border.color: Theme.accent

            ScrollView {
                id: scroller
                anchors.left: parent.left
                anchors.right: sendButton.left
                anchors.verticalCenter: parent.verticalCenter
                implicitHeight: Math.min(area.implicitHeight,
                                         composer.maxLines * metrics.lineSpacing
                                         + area.topPadding + area.bottomPadding)
                height: implicitHeight
                ScrollBar.horizontal.policy: ScrollBar.AlwaysOff

                TextArea {
                    id: area
                    objectName: "composerInput"
                    enabled: composer.disabledReason === ""
                    wrapMode: TextArea.Wrap
                    selectByMouse: true
                    textFormat: TextArea.PlainText
                    placeholderText: composer.disabledReason !== "" ? composer.disabledReason
                                                                    : qsTr("Write a message…")
                    placeholderTextColor: Theme.textSecondary
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    leftPadding: Theme.spacingM
                    rightPadding: Theme.spacingS
                    topPadding: Theme.spacingM
                    bottomPadding: Theme.spacingM
                    background: null
                    Accessible.name: qsTr("Message")
                    Accessible.description: composer.disabledReason

                    onTextChanged: {
                        if (composer.settingText || composer.editing)
                            return
                        if (text === "")
                            composer.typing.stopTyping()
                        else
                            composer.typing.typed()
                    }

                    Keys.onPressed: event => {
                        switch (event.key) {
                        case Qt.Key_Return:
                        case Qt.Key_Enter:
                            if (event.modifiers & Qt.ShiftModifier)
                                composer.insertNewline()
                            else
                                composer.submit()
                            event.accepted = true
                            break
                        case Qt.Key_Up:
                            if (text === "" && !composer.editing) {
                                const row = composer.messages.lastOwnEditableRow()
                                if (row >= 0) {
                                    composer.beginEdit(row)
                                    event.accepted = true
                                }
                            }
                            break
                        case Qt.Key_Escape:
                            if (composer.editing) {
                                composer.cancelEdit()
                                event.accepted = true
                            }
                            break
                        }
                    }
                }
            }

            IconButton {
                id: sendButton
                objectName: "sendButton"
                anchors.right: parent.right
                anchors.rightMargin: Theme.spacingXs
                anchors.bottom: parent.bottom
                anchors.bottomMargin: 4
                enabled: composer.canSend
                iconName: composer.editing ? "check" : "send"
                iconColor: Theme.accent
                label: composer.editing ? qsTr("Save edit") : qsTr("Send")
                onClicked: composer.submit()
            }
        }

        Label {
            Layout.fillWidth: true
            Layout.preferredHeight: visible ? implicitHeight : 0
            visible: text !== ""
            text: {
                if (composer.overflow > 0)
                    return qsTr("%n character(s) too long.", "", composer.overflow)
                if (composer.offline && composer.disabledReason === "")
                    return qsTr("You're offline. Messages will be sent when the connection is back.")
                return ""
            }
            color: composer.overflow > 0 ? Theme.error : Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }
    }
}
