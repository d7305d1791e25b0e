// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Parley.Ui

// Signed in while hosting: the join address stays in sight and hosting can be stopped, after
// a confirmation.
Item {
    id: root
    width: 320
    height: 400

    QtObject {
        id: fakeHost
        property bool running: true
        property string lanUrl: "ws://192.168.1.20:7447/"
        property string localUrl: "ws://127.0.0.1:7447/"
        property int stops: 0
        function stop() {
            ++stops
            running = false
        }
    }

    Component {
        id: barComponent
        HostingBar {
            width: root.width
            host: fakeHost
        }
    }

    TestCase {
        name: "Hosting"
        when: windowShown

        function test_addressShownAndStopAsksFirst() {
            const bar = createTemporaryObject(barComponent, root)
            verify(bar.visible)
            compare(findChild(bar, "hostingAddress").text, "ws://192.168.1.20:7447/")
            const stop = findChild(bar, "stopHostingButton")
            mouseClick(stop)
            compare(fakeHost.stops, 0, "one click stops nothing")
            mouseClick(stop)
            compare(fakeHost.stops, 1)
            verify(!bar.visible)
        }
    }
}
