// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A labelled text field with its error underneath. The error shows once the user has left the
// field (or tried to submit), never while they are still typing the first time.
ColumnLayout {
    id: formField

    property alias label: caption.text
    property alias text: input.text
    property alias placeholderText: input.placeholderText
    property alias echoMode: input.echoMode
    property alias input: input
    property alias readOnly: input.readOnly
    property int inputMethodHints: Qt.ImhNone
    // The rule: a function(text) returning "" or the message.
    property var validator: null
    // An error from the server for this field; replaces the local one until the text changes.
    property string serverError: ""
    property bool touched: false

    readonly property string localError: validator ? validator(input.text) : ""
    readonly property string error: serverError !== "" ? serverError : (touched ? localError : "")
    readonly property bool valid: localError === ""

    signal accepted()
    signal edited()

    function showErrors() {
        touched = true
    }
    function focusInput() {
        input.forceActiveFocus()
    }

    spacing: Theme.spacingXs

    Label {
        id: caption
        font.pixelSize: Theme.fontMeta
        font.weight: Font.Medium
        color: formField.error !== "" ? Theme.error : Theme.textSecondary
    }

    TextField {
        id: input
        Layout.fillWidth: true
        topPadding: Theme.spacingS
        bottomPadding: Theme.spacingS
        selectByMouse: true
        inputMethodHints: formField.inputMethodHints
        Accessible.name: caption.text
        Accessible.description: formField.error
        onActiveFocusChanged: if (!activeFocus && text !== "") formField.touched = true
        onAccepted: formField.accepted()
        onTextEdited: formField.edited()
    }

    Label {
        id: errorLabel
        objectName: "error"
        Layout.fillWidth: true
        visible: text !== ""
        text: formField.error
        color: Theme.error
        font.pixelSize: Theme.fontMeta
        wrapMode: Text.Wrap
        Accessible.role: Accessible.AlertMessage
        Accessible.name: text
    }
}
