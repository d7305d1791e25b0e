# SPDX-License-Identifier: GPL-3.0-or-later
# parley-server %postun: forget the removed unit; after an upgrade ($1 >= 1) restart a running
# server so it runs the new version. /var/lib/parley and the parley user are kept.
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload || :
    if [ "$1" -ge 1 ]; then
        systemctl try-restart parley-server.service || :
    fi
fi
