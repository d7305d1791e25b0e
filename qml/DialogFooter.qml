// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls

// The buttons along a dialog's bottom, as far from its bottom edge as from its side. Material's
// DialogButtonBox sets its own verticalPadding (2 px), which `padding` alone does not override:
// the primary button touched the dialog's bottom edge.
DialogButtonBox {
    background: null
    padding: Theme.spacingL
    topPadding: 0
    bottomPadding: Theme.spacingL
}
