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

    implicitHeight: shown ? 32 : 0
    visible: implicitHeight > 0
    clip: true
    color: Theme.banner

    Accessible.role: Accessible.AlertMessage
    Accessible.name: message

    Behavior on implicitHeight {
        NumberAnimation { duration: 150; easing.type: Easing.OutCubic }
    }

    RowLayout {
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
            Layout.fillWidth: true
            text: banner.message
            color: Theme.textOnBanner
            font.pixelSize: Theme.fontMeta
            elide: Text.ElideRight
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
