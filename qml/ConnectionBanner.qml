// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// A thin strip under the header while the app is not connected ("Offline — reconnecting in
// 8 s"), with "Retry now".
Rectangle {
    id: banner

    property string message: Session.connectionBanner
    readonly property bool shown: message !== ""

    // Grows for a long message (a refused certificate names two fingerprints).
    implicitHeight: shown ? Math.max(32, messageLabel.implicitHeight + 12) : 0
    visible: implicitHeight > 0
    clip: true
    color: Theme.banner

    Accessible.role: Accessible.AlertMessage
    Accessible.name: message

    Behavior on implicitHeight {
        NumberAnimation { duration: 150; easing.type: Easing.OutCubic }
    }

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingL
        anchors.rightMargin: Theme.spacingS
        spacing: Theme.spacingS

        Icon {
            Layout.preferredWidth: 16
            Layout.preferredHeight: 16
            name: "wifi-off"
            color: Theme.textOnBanner
        }
        Label {
            id: messageLabel
            Layout.fillWidth: true
            text: banner.message
            color: Theme.textOnBanner
            font.pixelSize: Theme.fontMeta
            wrapMode: Text.Wrap
            maximumLineCount: 4
            elide: Text.ElideRight
        }
        // The server's certificate changed since it was pinned: only the user can tell whether
        // the admin replaced it. The message above names both fingerprints.
        Button {
            objectName: "trustCertificateButton"
            visible: Session.connection && Session.connection.certificateError !== ""
            flat: true
            topInset: 0
            bottomInset: 0
            implicitHeight: 28
            text: qsTr("Trust new certificate")
            font.pixelSize: Theme.fontMeta
            Accessible.name: text
            onClicked: Session.connection.trustChangedCertificate()
        }
        Button {
            objectName: "retryNowButton"
            visible: Session.connectionState === Connection.Offline
            flat: true
            topInset: 0
            bottomInset: 0
            implicitHeight: 28
            text: qsTr("Retry now")
            font.pixelSize: Theme.fontMeta
            Accessible.name: text
            onClicked: Session.retryNow()
        }
    }
}
