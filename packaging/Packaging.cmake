# SPDX-License-Identifier: GPL-3.0-or-later
# Packages from the one build, with CPack. Included at the end of the top-level CMakeLists.txt.
#
# Linux: two DEB (or RPM) packages, one per install component:
#   parley-server (component `server`): the server binary, its systemd unit and system user, the
#       example /etc/parley/server.conf (a conffile) and the man page. No GUI library.
#   parley (component `parley`): the desktop app, its .desktop file, hicolor icons and AppStream
#       metainfo. It depends on parley-server of the same version rather than carrying a second
#       copy of the server: host mode runs the parley-server found beside the app (/usr/bin), and
#       two packages shipping /usr/bin/parley-server would conflict.
# Windows: an NSIS installer; macOS: a .dmg (DragNDrop) with Parley.app. Each holds the app and
#   the server with the Qt runtime that windeployqt / macdeployqt put beside them.
#
#   cmake --build BUILD --target parley-server parley
#   cd BUILD && cpack -G DEB        (RPM, NSIS, DragNDrop: see packaging/README.md)
#
# The targets keep their own plain install rules (server/, app/); the rules below install the
# same targets again into named components, so CPack packs exactly these components.

set(PARLEY_PACKAGING_DIR ${CMAKE_CURRENT_LIST_DIR})
set(PARLEY_ICONS_DIR ${CMAKE_SOURCE_DIR}/resources/icons)
set(PARLEY_PACKAGE_MAINTAINER "Parley maintainers <maintainers@parley.invalid>"
    CACHE STRING "Maintainer (name <email>) written into the packages")
set(PARLEY_PACKAGE_RELEASE 1 CACHE STRING "Package revision of this version (DEB/RPM release)")

set(PARLEY_PACKAGE_COMPONENTS server)
if(TARGET parley)
    list(APPEND PARLEY_PACKAGE_COMPONENTS parley)
endif()

# --- What each component installs ---------------------------------------------------------------

if(UNIX AND NOT APPLE)
    include(GNUInstallDirs)

    install(TARGETS parley-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
    # The unit, the system user and /etc belong to the package only: `cmake --install` into a
    # prefix of one's own should not write to /etc.
    install(FILES ${PARLEY_PACKAGING_DIR}/systemd/parley-server.service
        DESTINATION lib/systemd/system COMPONENT server EXCLUDE_FROM_ALL)
    install(FILES ${PARLEY_PACKAGING_DIR}/systemd/parley-server.sysusers
        DESTINATION lib/sysusers.d RENAME parley-server.conf COMPONENT server EXCLUDE_FROM_ALL)
    install(FILES ${PARLEY_PACKAGING_DIR}/server.conf
        DESTINATION /etc/parley COMPONENT server EXCLUDE_FROM_ALL)

    # Debian wants man pages compressed; gzip -n leaves no time stamp, so builds are reproducible.
    set(_parley_man ${PARLEY_PACKAGING_DIR}/man/parley-server.1)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_parley_man})
    find_program(PARLEY_GZIP gzip)
    if(PARLEY_GZIP)
        set(_parley_man_installed ${CMAKE_BINARY_DIR}/packaging/parley-server.1.gz)
        file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/packaging)
        execute_process(COMMAND ${PARLEY_GZIP} -9nc ${_parley_man}
            OUTPUT_FILE ${_parley_man_installed} COMMAND_ERROR_IS_FATAL ANY)
    else()
        set(_parley_man_installed ${_parley_man})
    endif()
    install(FILES ${_parley_man_installed} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT server)
    # Debian's place for the licence (Policy 12.5), in each package; the RPMs get it too.
    foreach(_parley_component server parley)
        if(_parley_component IN_LIST PARLEY_PACKAGE_COMPONENTS)
            set(_parley_package parley-server)
            if(_parley_component STREQUAL parley)
                set(_parley_package parley)
            endif()
            install(FILES ${PARLEY_PACKAGING_DIR}/debian/copyright
                DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${_parley_package}
                COMPONENT ${_parley_component} EXCLUDE_FROM_ALL)
        endif()
    endforeach()

    if(TARGET parley)
        install(TARGETS parley RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT parley)
        install(FILES ${PARLEY_PACKAGING_DIR}/linux/parley.desktop
            DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT parley)
        install(FILES ${PARLEY_PACKAGING_DIR}/linux/io.parley.Parley.metainfo.xml
            DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT parley)
        foreach(size 16 22 24 32 48 64 128 256 512)
            install(FILES ${PARLEY_ICONS_DIR}/hicolor/${size}x${size}/apps/parley.png
                DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
                COMPONENT parley)
        endforeach()
        install(FILES ${PARLEY_ICONS_DIR}/parley.svg
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT parley)
    endif()

elseif(WIN32)
    # Everything in bin/: the app finds parley-server.exe beside itself (host mode), and
    # windeployqt puts the Qt DLLs, plugins and QML imports there too.
    install(TARGETS parley-server RUNTIME_DEPENDENCY_SET parley_runtime
        RUNTIME DESTINATION bin COMPONENT parley)
    if(TARGET parley)
        set_target_properties(parley PROPERTIES WIN32_EXECUTABLE ON)
        configure_file(${PARLEY_PACKAGING_DIR}/windows/parley.rc.in
            ${CMAKE_BINARY_DIR}/packaging/parley.rc @ONLY)
        target_sources(parley PRIVATE ${CMAKE_BINARY_DIR}/packaging/parley.rc)
        install(TARGETS parley RUNTIME_DEPENDENCY_SET parley_runtime
            RUNTIME DESTINATION bin COMPONENT parley)
    endif()
    # The DLLs that are neither Qt's (windeployqt copies those) nor Windows' own: Botan and
    # QtKeychain. (DLL names are matched in lower case; directories as they are.)
    file(TO_CMAKE_PATH "$ENV{PATH}" _parley_path)
    install(RUNTIME_DEPENDENCY_SET parley_runtime DESTINATION bin COMPONENT parley
        PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-" "^qt6"
        POST_EXCLUDE_REGEXES "[/\\\\][Ww][Ii][Nn][Dd][Oo][Ww][Ss][/\\\\]"
        DIRECTORIES ${Botan_PREFIX}/bin ${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS} ${_parley_path})
    # The compiler's runtime (MSVC), for machines without the Visual C++ redistributable.
    set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION bin)
    set(CMAKE_INSTALL_SYSTEM_RUNTIME_COMPONENT parley)
    include(InstallRequiredSystemLibraries)

    find_program(PARLEY_WINDEPLOYQT windeployqt HINTS ${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS})
    set(_parley_binaries "\"\${_bin}/parley-server.exe\"")
    if(TARGET parley)
        string(PREPEND _parley_binaries "\"\${_bin}/parley.exe\" ")
    endif()
    if(PARLEY_WINDEPLOYQT)
        install(CODE "
            set(_bin \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/bin\")
            execute_process(COMMAND \"${PARLEY_WINDEPLOYQT}\" --qmldir \"${CMAKE_SOURCE_DIR}/qml\"
                    --dir \"\${_bin}\" --no-translations --no-system-d3d-compiler --no-opengl-sw
                    ${_parley_binaries}
                COMMAND_ERROR_IS_FATAL ANY)
            " COMPONENT parley)
    else()
        message(WARNING "windeployqt not found: an installer would lack the Qt runtime")
    endif()

    set(CPACK_GENERATOR NSIS)
    set(CPACK_PACKAGE_INSTALL_DIRECTORY Parley)
    set(CPACK_PACKAGE_EXECUTABLES parley Parley)
    set(CPACK_CREATE_DESKTOP_LINKS parley)
    set(CPACK_NSIS_DISPLAY_NAME Parley)
    set(CPACK_NSIS_PACKAGE_NAME Parley)
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\parley.exe")
    set(CPACK_NSIS_MUI_ICON ${PARLEY_ICONS_DIR}/parley.ico)
    set(CPACK_NSIS_MUI_UNIICON ${PARLEY_ICONS_DIR}/parley.ico)
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_MUI_FINISHPAGE_RUN parley.exe)

elseif(APPLE)
    if(TARGET parley)
        set_target_properties(parley PROPERTIES
            MACOSX_BUNDLE ON
            OUTPUT_NAME Parley
            MACOSX_BUNDLE_BUNDLE_NAME Parley
            MACOSX_BUNDLE_GUI_IDENTIFIER io.parley.Parley
            MACOSX_BUNDLE_ICON_FILE parley.icns
            MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
            MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
            MACOSX_BUNDLE_INFO_PLIST ${PARLEY_PACKAGING_DIR}/macos/Info.plist.in)
        set_source_files_properties(${PARLEY_ICONS_DIR}/parley.icns PROPERTIES
            MACOSX_PACKAGE_LOCATION Resources)
        target_sources(parley PRIVATE ${PARLEY_ICONS_DIR}/parley.icns)

        # parley-server goes inside the bundle, beside the app's executable (host mode).
        install(TARGETS parley BUNDLE DESTINATION . COMPONENT parley)
        install(TARGETS parley-server RUNTIME DESTINATION Parley.app/Contents/MacOS
            COMPONENT parley)
        find_program(PARLEY_MACDEPLOYQT macdeployqt
            HINTS ${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS})
        set(PARLEY_MACOS_SIGN_IDENTITY "-" CACHE STRING
            "codesign identity for Parley.app (\"-\": ad hoc, enough to run on this Mac)")
        if(PARLEY_MACDEPLOYQT)
            install(CODE "
                set(_app \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/Parley.app\")
                execute_process(COMMAND \"${PARLEY_MACDEPLOYQT}\" \"\${_app}\"
                        \"-qmldir=${CMAKE_SOURCE_DIR}/qml\"
                        \"-executable=\${_app}/Contents/MacOS/parley-server\"
                        -always-overwrite \"-codesign=${PARLEY_MACOS_SIGN_IDENTITY}\"
                    COMMAND_ERROR_IS_FATAL ANY)
                " COMPONENT parley)
        else()
            message(WARNING "macdeployqt not found: a .dmg would lack the Qt runtime")
        endif()
    else()
        install(TARGETS parley-server RUNTIME DESTINATION bin COMPONENT parley)
    endif()

    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME Parley)
    set(CPACK_DMG_FORMAT UDZO)
    set(CPACK_PACKAGE_ICON ${PARLEY_ICONS_DIR}/parley.icns)
endif()

# --- Package metadata ---------------------------------------------------------------------------

set(CPACK_PACKAGE_NAME parley)
set(CPACK_PACKAGE_VENDOR Parley)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Self-hosted team chat")
set(CPACK_PACKAGE_CONTACT ${PARLEY_PACKAGE_MAINTAINER})
set(CPACK_STRIP_FILES ON)
set(CPACK_VERBATIM_VARIABLES ON)
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_PROJECT_CONFIG_FILE ${PARLEY_PACKAGING_DIR}/CPackProjectConfig.cmake)
# GPL-3.0-or-later (docs/licensing.md): the NSIS installer shows it on its licence page.
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)

if(WIN32 OR APPLE)
    # One package of the one component `parley`: the targets' plain install rules (server/, app/)
    # are left out, as they would put a second copy elsewhere.
    set(CPACK_MONOLITHIC_INSTALL ON)
    set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};Parley;parley;/")
else()
    set(CPACK_GENERATOR DEB)
    set(CPACK_COMPONENTS_ALL ${PARLEY_PACKAGE_COMPONENTS})
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
    set(_parley_full_version ${PROJECT_VERSION}-${PARLEY_PACKAGE_RELEASE})

    # (A synopsis may not start with the package's name.)
    set(_parley_server_summary "Server of the Parley self-hosted team chat")
    set(_parley_server_description "Parley is a team chat that a team runs on a machine of its own network.
This is its server: accounts, one-on-one and group chats and real-time
messages over WebSocket (optionally TLS), stored in SQLite. It runs as the
systemd service parley-server, as its own system user, with its data in
/var/lib/parley. The parley package holds the desktop app.")
    set(_parley_app_summary "Desktop app of the Parley self-hosted team chat")
    set(_parley_app_description "Parley is a team chat that a team runs on a machine of its own network.
This is its desktop app: one-on-one and group chats with real-time messages,
typing indicators, read marks and desktop notifications. It signs in to a
Parley server on the local network, or hosts one on this computer.")

    # DEB
    set(CPACK_DEB_COMPONENT_INSTALL ON)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_RELEASE ${PARLEY_PACKAGE_RELEASE})
    set(CPACK_DEBIAN_PACKAGE_SECTION net)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

    set(CPACK_DEBIAN_SERVER_PACKAGE_NAME parley-server)
    set(CPACK_DEBIAN_SERVER_DESCRIPTION "${_parley_server_summary}\n${_parley_server_description}")
    # Loaded at run time, so shlibdeps cannot see it: Qt's SQLite driver. adduser makes the
    # service's user where systemd-sysusers is missing (postinst).
    set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-sqlite, adduser")
    set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "libqt6sql6-psql")
    set(_parley_deb ${PARLEY_PACKAGING_DIR}/debian/server)
    set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
        ${_parley_deb}/conffiles ${_parley_deb}/postinst ${_parley_deb}/prerm ${_parley_deb}/postrm)

    # The QML modules the app imports (qml/*.qml, and what those modules import in turn) are
    # loaded at run time: shlibdeps cannot see them. The packaging test checks this list against
    # the imports. QtQuick.Dialogs' non-native FileDialog needs Qt.labs.folderlistmodel.
    set(PARLEY_QML_PACKAGES
        qml6-module-qtqml
        qml6-module-qtqml-models
        qml6-module-qtqml-workerscript
        qml6-module-qtquick
        qml6-module-qtquick-controls
        qml6-module-qtquick-templates
        qml6-module-qtquick-layouts
        qml6-module-qtquick-window
        qml6-module-qtquick-dialogs
        qml6-module-qt-labs-folderlistmodel
        qml6-module-qt-labs-platform
        qml6-module-qt-labs-settings)
    list(JOIN PARLEY_QML_PACKAGES ", " _parley_qml_depends)
    set(CPACK_DEBIAN_PARLEY_PACKAGE_NAME parley)
    set(CPACK_DEBIAN_PARLEY_DESCRIPTION "${_parley_app_summary}\n${_parley_app_description}")
    set(CPACK_DEBIAN_PARLEY_PACKAGE_DEPENDS
        "parley-server (= ${_parley_full_version}), ${_parley_qml_depends}")
    # Wayland sessions, and a Secret Service for the keychain that holds the sign-in.
    set(CPACK_DEBIAN_PARLEY_PACKAGE_RECOMMENDS "qt6-wayland, gnome-keyring | libkf5wallet-bin")

    # RPM (Fedora names; rpmbuild finds the shared libraries by itself)
    set(CPACK_RPM_COMPONENT_INSTALL ON)
    set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
    set(CPACK_RPM_PACKAGE_RELEASE ${PARLEY_PACKAGE_RELEASE})
    set(CPACK_PACKAGE_RELOCATABLE OFF) # /etc and /usr/lib/systemd are fixed places
    set(CPACK_RPM_PACKAGE_GROUP "Applications/Communications")
    set(CPACK_RPM_PACKAGE_LICENSE GPL-3.0-or-later)
    set(CPACK_RPM_SERVER_PACKAGE_NAME parley-server)
    set(CPACK_RPM_SERVER_PACKAGE_SUMMARY ${_parley_server_summary})
    set(CPACK_RPM_SERVER_PACKAGE_DESCRIPTION ${_parley_server_description})
    set(CPACK_RPM_SERVER_PACKAGE_REQUIRES "qt6-qtbase, qt6-qtwebsockets")
    set(CPACK_RPM_SERVER_USER_FILELIST "%config(noreplace) /etc/parley/server.conf")
    set(CPACK_RPM_SERVER_POST_INSTALL_SCRIPT_FILE ${PARLEY_PACKAGING_DIR}/rpm/server-post.sh)
    set(CPACK_RPM_SERVER_PRE_UNINSTALL_SCRIPT_FILE ${PARLEY_PACKAGING_DIR}/rpm/server-preun.sh)
    set(CPACK_RPM_SERVER_POST_UNINSTALL_SCRIPT_FILE ${PARLEY_PACKAGING_DIR}/rpm/server-postun.sh)
    set(CPACK_RPM_PARLEY_PACKAGE_NAME parley)
    set(CPACK_RPM_PARLEY_PACKAGE_SUMMARY ${_parley_app_summary})
    set(CPACK_RPM_PARLEY_PACKAGE_DESCRIPTION ${_parley_app_description})
    set(CPACK_RPM_PARLEY_PACKAGE_REQUIRES
        "parley-server = ${_parley_full_version}, qt6-qtdeclarative")
    set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/lib/systemd /usr/lib/systemd/system /usr/lib/sysusers.d /usr/share/applications
        /usr/share/icons /usr/share/icons/hicolor /usr/share/icons/hicolor/scalable
        /usr/share/icons/hicolor/scalable/apps /usr/share/metainfo /usr/share/man
        /usr/share/man/man1)
    foreach(size 16 22 24 32 48 64 128 256 512)
        list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
            /usr/share/icons/hicolor/${size}x${size} /usr/share/icons/hicolor/${size}x${size}/apps)
    endforeach()
endif()

include(CPack)
