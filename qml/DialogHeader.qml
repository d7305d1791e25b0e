// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls

// A dialog's title, on the dialog's own rounded surface (Material's header paints square
// corners over it).
Label {
    padding: Theme.spacingXl
    bottomPadding: 0
    font.pixelSize: Theme.fontTitle + 2
    font.weight: Font.DemiBold
    color: Theme.text
    elide: Text.ElideRight
    Accessible.role: Accessible.Heading
    Accessible.name: text
}
