# SPDX-License-Identifier: GPL-3.0-or-later
# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE). A .deb's synopsis is the first line
# of that package's own description (CPACK_DEBIAN_<COMPONENT>_DESCRIPTION); CPackDeb would put the
# project-wide summary above it, so there is none for DEB.
if(CPACK_GENERATOR STREQUAL "DEB")
    unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
endif()
