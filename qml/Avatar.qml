// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

// A round avatar: the picture when there is one, else initials on a colour derived from a stable
// key (the user id). Optionally a presence dot.
Item {
    id: avatar

    property string name
    property string source
    property string colorKey
    property int size: 40
    property bool showPresence: false
    property bool online: false
    // What the presence dot's ring is drawn in: the colour behind the avatar.
    property color ringColor: Theme.background

    implicitWidth: size
    implicitHeight: size

    Accessible.role: Accessible.Graphic
    Accessible.name: qsTr("Picture of %1").arg(name)

    Rectangle {
        anchors.fill: parent
        radius: width / 2
        color: Theme.avatarColor(avatar.colorKey !== "" ? avatar.colorKey : avatar.name)
        visible: !circle.ready

        Text {
            anchors.centerIn: parent
            text: Theme.initials(avatar.name)
            color: "#ffffff"
            font.pixelSize: Math.round(avatar.size * 0.38)
            font.weight: Font.DemiBold
        }
    }

    // Only for the picture's size and status; the canvas below draws it.
    Image {
        id: picture
        source: avatar.source
        visible: false
        asynchronous: true
        onStatusChanged: circle.requestPaint()
    }

    // Qt 6.4 has no mask effect without extra modules: the picture is painted through a round
    // clip on a canvas instead. The canvas loads the picture itself (drawImage with an Image item
    // draws nothing until the canvas's own copy has loaded) and stays visible, since a hidden
    // canvas skips paint requests.
    Canvas {
        id: circle
        anchors.fill: parent

        // The picture is on the canvas: the initials step aside.
        property bool ready: false

        function reload() {
            ready = avatar.source !== "" && isImageLoaded(avatar.source)
            if (avatar.source !== "" && !ready)
                loadImage(avatar.source)
            requestPaint()
        }

        Component.onCompleted: reload()
        onImageLoaded: reload()
        onWidthChanged: requestPaint()
        onAvailableChanged: requestPaint()

        Connections {
            target: avatar
            function onSourceChanged() {
                circle.reload()
            }
        }

        onPaint: {
            const ctx = getContext("2d")
            ctx.reset()
            if (!ready)
                return
            ctx.beginPath()
            ctx.arc(width / 2, height / 2, width / 2, 0, 2 * Math.PI)
            ctx.closePath()
            ctx.clip()
            const sourceWidth = Math.max(1, picture.implicitWidth)
            const sourceHeight = Math.max(1, picture.implicitHeight)
            const scale = Math.max(width / sourceWidth, height / sourceHeight)
            const w = sourceWidth * scale
            const h = sourceHeight * scale
            ctx.drawImage(avatar.source, (width - w) / 2, (height - h) / 2, w, h)
        }
    }

    Rectangle {
        visible: avatar.showPresence && avatar.online
        width: Math.max(10, Math.round(avatar.size * 0.3))
        height: width
        radius: width / 2
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        color: Theme.online
        border.width: 2
        border.color: avatar.ringColor
    }
}
