// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts

// Picks a profile picture from a file. `chosen` is the file URL picked here ("" until then);
// `removed` is set when the user takes the current picture away.
RowLayout {
    id: picker

    property string name
    property string colorKey
    property string currentSource // the picture the user has now, if any
    property string chosen
    property bool removed: false
    property string error

    readonly property string previewSource: chosen !== "" ? chosen : (removed ? "" : currentSource)

    spacing: Theme.spacingM

    Avatar {
        size: 56
        name: picker.name !== "" ? picker.name : "?"
        colorKey: picker.colorKey
        source: picker.previewSource
    }

    ColumnLayout {
        Layout.fillWidth: true
        spacing: 0

        RowLayout {
            spacing: Theme.spacingS

            Button {
                text: picker.previewSource !== "" ? qsTr("Change picture…") : qsTr("Choose picture…")
                flat: true
                Material.foreground: Theme.accent
                Accessible.name: text
                onClicked: fileDialog.open()
            }
            Button {
                visible: picker.previewSource !== ""
                text: qsTr("Remove")
                flat: true
                Material.foreground: Theme.accent
                Accessible.name: qsTr("Remove picture")
                onClicked: {
                    picker.chosen = ""
                    picker.removed = true
                }
            }
        }

        Label {
            Layout.fillWidth: true
            leftPadding: Theme.spacingS
            text: picker.error !== "" ? picker.error : qsTr("Optional. PNG or JPEG; it is made smaller to fit.")
            color: picker.error !== "" ? Theme.error : Theme.textSecondary
            font.pixelSize: Theme.fontMeta
            wrapMode: Text.Wrap
        }
    }

    FileDialog {
        id: fileDialog
        title: qsTr("Choose a profile picture")
        nameFilters: [qsTr("Images (*.png *.jpg *.jpeg)")]
        onAccepted: {
            picker.chosen = String(selectedFile)
            picker.removed = false
        }
    }
}
