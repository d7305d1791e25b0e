// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Parley.Ui

// An icon button's tooltip: on hover, and not over what a click opened.
Item {
    id: root
    width: 300
    height: 200

    Component {
        id: buttonComponent
        IconButton {
            x: 100
            y: 100
            iconName: "bell"
            label: "Notifications (2)"
            hoverEnabled: true // offscreen has no hover effects by default
        }
    }

    TestCase {
        name: "IconButton"
        when: windowShown

        function test_tooltipGoesAwayOnceClicked() {
            const button = createTemporaryObject(buttonComponent, root)
            mouseMove(button, button.width / 2, button.height / 2)
            tryVerify(() => button.hovered)
            verify(button.tooltipShown, "hovering shows the tooltip")
            mouseClick(button)
            verify(!button.tooltipShown, "the click opened something: no tooltip over it")
            mouseMove(root, 10, 10)
            tryVerify(() => !button.hovered)
            mouseMove(button, button.width / 2, button.height / 2)
            tryVerify(() => button.tooltipShown)
        }
    }
}
