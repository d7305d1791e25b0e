// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls

// A menu on the app's popup surface.
Menu {
    topPadding: Theme.spacingXs
    bottomPadding: Theme.spacingXs
    background: PopupBackground {
        implicitWidth: 220
        radius: Theme.radius
        shadowSize: 8
    }
}
