// SPDX-License-Identifier: GPL-3.0-or-later
pragma Singleton
import QtQuick

// The app's palette, spacing and type scale. Light or dark follows the system's colour scheme
// (read from the system palette: Qt 6.4 has no colorScheme hint) and updates when it changes.
QtObject {
    id: theme

    // "system", "light" or "dark": tests and screenshots pin one.
    property string preference: "system"

    readonly property SystemPalette systemPalette: SystemPalette {
        colorGroup: SystemPalette.Active
    }
    readonly property bool dark: preference === "dark"
                                 || (preference === "system"
                                     && systemPalette.window.hslLightness < 0.5)

    // One accent; white text on it has a contrast of 5.7:1.
    readonly property color accent: "#3b5bdb"
    readonly property color textOnAccent: "#ffffff"
    readonly property color accentSoft: dark ? "#2a3561" : "#e4e9fc"

    readonly property color background: dark ? "#1b1d22" : "#ffffff"
    readonly property color sidebar: dark ? "#15171b" : "#f4f5f7"
    readonly property color surface: dark ? "#23262d" : "#ffffff"
    readonly property color field: dark ? "#2a2e36" : "#eef0f3"
    readonly property color text: dark ? "#e6e8ec" : "#1c1e22"
    readonly property color textSecondary: dark ? "#a3a9b4" : "#5c626d"
    readonly property color divider: dark ? "#2e323a" : "#e3e5e9"
    readonly property color hover: dark ? "#23262d" : "#e9ebef"
    readonly property color selected: dark ? "#263463" : "#dfe6fc"
    readonly property color bubbleOwn: dark ? "#263463" : "#dde5ff"
    readonly property color bubbleOther: dark ? "#2a2e36" : "#f0f1f4"
    readonly property color link: dark ? "#a9b9ff" : "#2f4fc9"
    readonly property color error: dark ? "#ff8a80" : "#c62828"
    readonly property color success: dark ? "#5fd08f" : "#1f7a44"
    readonly property color online: "#2f9e5c"
    readonly property color banner: dark ? "#43370f" : "#fff3d1"
    readonly property color textOnBanner: dark ? "#ffe3a3" : "#5a4300"
    readonly property color skeleton: dark ? "#2a2e36" : "#e6e8ec"
    readonly property color toast: dark ? "#e6e8ec" : "#2b2e35"
    readonly property color textOnToast: dark ? "#1c1e22" : "#ffffff"

    // A 4 px grid.
    readonly property int gridUnit: 4
    readonly property int spacingXs: 4
    readonly property int spacingS: 8
    readonly property int spacingM: 12
    readonly property int spacingL: 16
    readonly property int spacingXl: 24
    readonly property int radius: 8

    readonly property int fontBody: 14
    readonly property int fontMeta: 12
    readonly property int fontSmall: 11
    readonly property int fontTitle: 16
    readonly property int fontHeadline: 22

    // Initials backgrounds; white initials have a contrast of at least 4.5:1 on each.
    readonly property var avatarColors: ["#c2185b", "#7b1fa2", "#512da8", "#303f9f", "#1565c0",
                                         "#00796b", "#2e7d32", "#bf360c", "#5d4037", "#455a64"]

    // A stable colour for an id, so a person keeps their colour everywhere.
    function avatarColor(key: string): color {
        let hash = 5381
        for (let i = 0; i < key.length; ++i)
            hash = ((hash * 33) ^ key.charCodeAt(i)) >>> 0
        return avatarColors[hash % avatarColors.length]
    }

    // "Ana Lima" → "AL", "ben" → "B".
    function initials(name: string): string {
        const words = name.trim().split(/\s+/).filter(word => word.length > 0)
        if (words.length === 0)
            return "?"
        const first = String.fromCodePoint(words[0].codePointAt(0))
        if (words.length === 1)
            return first.toUpperCase()
        const last = String.fromCodePoint(words[words.length - 1].codePointAt(0))
        return (first + last).toUpperCase()
    }
}
