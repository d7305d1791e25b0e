// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// Picks people by searching: chosen ones show as removable chips above the search.
ColumnLayout {
    id: picker

    // Session.userSearch, or a stand-in with a writable query and the same roles (tests).
    property var people: Session.userSearch
    // People who cannot be picked (already in the group).
    property var excludedIds: []
    // Who is picked: a list of {userId, name, avatarSource}.
    property var selected: []
    readonly property var selectedIds: selected.map(person => person.userId)
    property alias searchField: search
    property int listHeight: 220

    function toggle(userId: string, name: string, avatarSource: string) {
        if (excludedIds.indexOf(userId) >= 0)
            return
        if (selectedIds.indexOf(userId) >= 0)
            selected = selected.filter(person => person.userId !== userId)
        else
            selected = selected.concat([{ userId: userId, name: name, avatarSource: avatarSource }])
    }

    function reset() {
        selected = []
        search.clear()
        people.query = ""
    }

    spacing: Theme.spacingS

    Flow {
        Layout.fillWidth: true
        visible: picker.selected.length > 0
        spacing: Theme.spacingXs

        Repeater {
            model: picker.selected

            Rectangle {
                id: chip
                required property var modelData
                implicitWidth: chipRow.implicitWidth + Theme.spacingXs
                implicitHeight: 28
                radius: 14
                color: Theme.accentSoft

                Row {
                    id: chipRow
                    anchors.verticalCenter: parent.verticalCenter
                    leftPadding: 2
                    spacing: Theme.spacingXs
                    Avatar {
                        anchors.verticalCenter: parent.verticalCenter
                        size: 24
                        name: chip.modelData.name
                        source: chip.modelData.avatarSource
                        colorKey: chip.modelData.userId
                    }
                    Label {
                        anchors.verticalCenter: parent.verticalCenter
                        text: chip.modelData.name
                        color: Theme.text
                        font.pixelSize: Theme.fontMeta + 1
                    }
                    IconButton {
                        anchors.verticalCenter: parent.verticalCenter
                        implicitWidth: 24
                        implicitHeight: 24
                        iconSize: 14
                        iconName: "close"
                        label: qsTr("Remove %1").arg(chip.modelData.name)
                        onClicked: picker.toggle(chip.modelData.userId, chip.modelData.name,
                                                 chip.modelData.avatarSource)
                    }
                }
            }
        }
    }

    SearchField {
        id: search
        objectName: "memberSearch"
        Layout.fillWidth: true
        placeholderText: qsTr("Search people by name or email")
        accessibleName: qsTr("Search people to add")
        onTextChanged: picker.people.query = text.trim()
        Keys.onDownPressed: results.forceActiveFocus()
        Keys.onReturnPressed: results.activateCurrent()
        Keys.onEnterPressed: results.activateCurrent()
    }

    PeopleList {
        id: results
        objectName: "memberResults"
        Layout.fillWidth: true
        Layout.preferredHeight: picker.listHeight
        people: picker.people
        checkable: true
        checkedIds: picker.selectedIds
        disabledIds: picker.excludedIds
        rowColor: Theme.surface
        onChosen: (userId, name, avatarSource) => picker.toggle(userId, name, avatarSource)
    }
}
