// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// People search results (a UserSearchModel) with its loading, empty and error states.
// Activating a person emits `chosen`.
ListView {
    id: list

    // Session.userSearch or a stand-in with query, loading, error and the same roles.
    property var people
    property var checkedIds: []
    // People listed but not choosable (already members), with why.
    property var disabledIds: []
    property string disabledNote: qsTr("Already a member")
    property bool checkable: false
    property color rowColor: Theme.sidebar

    signal chosen(string userId, string name, string avatarSource)

    function activateCurrent() {
        if (currentItem)
            currentItem.clicked()
    }

    model: people
    clip: true
    currentIndex: count > 0 ? 0 : -1
    keyNavigationEnabled: true
    boundsBehavior: Flickable.StopAtBounds
    activeFocusOnTab: count > 0
    Accessible.role: Accessible.List
    Accessible.name: qsTr("People")
    ScrollBar.vertical: ScrollBar {}

    Keys.onReturnPressed: activateCurrent()
    Keys.onEnterPressed: activateCurrent()
    Keys.onSpacePressed: activateCurrent()

    delegate: UserDelegate {
        showCheck: list.checkable
        isChecked: list.checkedIds.indexOf(userId) >= 0
        enabled: list.disabledIds.indexOf(userId) < 0
        note: enabled ? "" : list.disabledNote
        rowColor: list.rowColor
        onClicked: {
            list.currentIndex = index
            list.chosen(userId, name, avatarSource)
        }
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.spacingL
        visible: list.count === 0
        spacing: Theme.spacingS

        BusyIndicator {
            Layout.alignment: Qt.AlignHCenter
            visible: list.people && list.people.loading
            running: visible
            Accessible.name: qsTr("Searching")
        }
        Label {
            Layout.fillWidth: true
            visible: !(list.people && list.people.loading)
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: list.people && list.people.error !== "" ? Theme.error : Theme.textSecondary
            text: {
                if (!list.people)
                    return ""
                if (list.people.error !== "")
                    return list.people.error
                if (list.people.query.trim() === "")
                    return qsTr("Type a name or an email address.")
                return qsTr("No one matches “%1”.").arg(list.people.query.trim())
            }
        }
    }
}
