# SPDX-License-Identifier: GPL-3.0-or-later
# parley-server %post: make the service's system user and let systemd see the unit. Not enabled
# here (the parley desktop package requires this one): systemctl enable --now parley-server
systemd-sysusers parley-server.conf || :
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload || :
fi
