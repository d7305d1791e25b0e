// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Parley

// While this computer hosts the chat: the address others join at, to copy, and Stop hosting
// (asked first: everyone on it is disconnected). Signed in, the sign-in page's host panel is
// gone, and this was the only place left to find the address.
Rectangle {
    id: bar

    // The HostedServer (Session.host) or a stand-in with running, lanUrl, localUrl and stop().
    property var host: Session.host
    property bool confirmingStop: false

    objectName: "hostingBar"
    visible: host && host.running
    implicitHeight: visible ? content.implicitHeight + 2 * Theme.spacingS : 0
    color: Theme.accentSoft

    ColumnLayout {
        id: content
        anchors.fill: parent
        anchors.margins: Theme.spacingS
        anchors.leftMargin: Theme.spacingM
        spacing: Theme.spacingXs

        Label {
            Layout.fillWidth: true
            text: qsTr("Hosting on this computer. Others join at:")
            color: Theme.text
            font.pixelSize: Theme.fontMeta
            wrapMode: Text.Wrap
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingXs
            TextField {
                id: address
                objectName: "hostingAddress"
                Layout.fillWidth: true
                readOnly: true
                selectByMouse: true
                text: bar.host && bar.host.lanUrl !== "" ? bar.host.lanUrl
                                                         : (bar.host ? bar.host.localUrl : "")
                font.family: "monospace"
                font.pixelSize: Theme.fontMeta
                Accessible.name: qsTr("Address for others to join")
            }
            IconButton {
                iconName: "copy"
                label: qsTr("Copy address")
                onClicked: {
                    address.selectAll()
                    address.copy()
                    address.deselect()
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingXs
            Label {
                Layout.fillWidth: true
                visible: bar.confirmingStop
                text: qsTr("Stop? Everyone here is disconnected until you host again.")
                color: Theme.text
                font.pixelSize: Theme.fontMeta
                wrapMode: Text.Wrap
            }
            Item {
                visible: !bar.confirmingStop
                Layout.fillWidth: true
            }
            Button {
                visible: bar.confirmingStop
                flat: true
                text: qsTr("Keep")
                Accessible.name: qsTr("Keep hosting")
                onClicked: bar.confirmingStop = false
            }
            Button {
                objectName: "stopHostingButton"
                flat: true
                text: bar.confirmingStop ? qsTr("Stop") : qsTr("Stop hosting…")
                Material.foreground: Theme.error
                Accessible.name: qsTr("Stop hosting")
                onClicked: {
                    if (!bar.confirmingStop) {
                        bar.confirmingStop = true
                        return
                    }
                    bar.confirmingStop = false
                    bar.host.stop()
                }
            }
        }
    }
}
