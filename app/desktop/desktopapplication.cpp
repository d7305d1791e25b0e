// SPDX-License-Identifier: GPL-3.0-or-later
#include "desktopapplication.h"

#include <QApplication>

using namespace Qt::StringLiterals;

namespace parley::client {

std::unique_ptr<QGuiApplication> makeDesktopApplication(int &argc, char **argv)
{
    auto app = std::make_unique<QApplication>(argc, argv);
    QGuiApplication::setApplicationName(u"Parley"_s);
    QGuiApplication::setOrganizationName(u"Parley"_s);
    QGuiApplication::setDesktopFileName(u"parley"_s);
    return app;
}

} // namespace parley::client
