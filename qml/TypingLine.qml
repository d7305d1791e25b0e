// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Parley

// "Ana is typing ●●●" under the messages. Its height is kept while empty so the list does not
// jump each time someone starts or stops typing.
Item {
    id: line

    property string text: Session.typing.text

    implicitHeight: 20

    Accessible.role: Accessible.StaticText
    Accessible.name: text

    Row {
        anchors.left: parent.left
        anchors.leftMargin: Theme.spacingL
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.spacingS
        visible: line.text !== ""

        Label {
            anchors.verticalCenter: parent.verticalCenter
            text: line.text
            color: Theme.textSecondary
            font.pixelSize: Theme.fontMeta
            font.italic: true
        }
        TypingDots {
            anchors.verticalCenter: parent.verticalCenter
            dotSize: 5
            color: Theme.textSecondary
        }
    }
}
