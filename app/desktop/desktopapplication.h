// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGuiApplication>

#include <memory>

namespace parley::client {

// The application object of the desktop app, named for QSettings and the desktop file. It is a
// QApplication: Qt Labs Platform's tray icon and its menu fall back to Qt Widgets on desktops
// without a native tray (most Linux ones), and with a plain QGuiApplication there was no tray
// at all ("Qt Labs Platform requires Qt Widgets").
std::unique_ptr<QGuiApplication> makeDesktopApplication(int &argc, char **argv);

} // namespace parley::client
