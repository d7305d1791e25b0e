#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test against a real Secret Service, as a desktop session has: a private D-Bus session
# bus with an unlocked gnome-keyring-daemon, a throw-away HOME and an XDG_RUNTIME_DIR of mode
# 700. Nothing of the user's own keyring or settings is touched, and everything is removed after.
# Usage: run-with-keyring.sh TEST-BINARY [ARGUMENTS...]
set -euo pipefail

if [[ -z "${PARLEY_KEYRING_SESSION:-}" ]]; then
    for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
        if ! command -v "$tool" >/dev/null; then
            echo "$0: $tool is not installed (packages dbus, gnome-keyring)" >&2
            exit 1
        fi
    done
    home=$(mktemp -d "${TMPDIR:-/tmp}/parley-keyring.XXXXXX")
    trap 'rm -rf "$home"' EXIT
    mkdir -m 700 "$home/runtime"
    export HOME=$home XDG_RUNTIME_DIR=$home/runtime
    export XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config XDG_CACHE_HOME=$home/.cache
    # QtKeychain picks KWallet on a KDE desktop: make the Secret Service the only candidate.
    unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION
    export PARLEY_KEYRING_SESSION=1
    status=0
    dbus-run-session -- bash "$0" "$@" || status=$?
    exit "$status"
fi

# Inside the private session bus.
echo -n pw | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$HOME/keyring.log" 2>&1 &
keyring=$!
trap 'kill "$keyring" 2>/dev/null || true; wait "$keyring" 2>/dev/null || true' EXIT

ready=0
for _ in $(seq 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'; then
        ready=1
        break
    fi
    sleep 0.1
done
if [[ $ready -ne 1 ]]; then
    echo "$0: gnome-keyring-daemon did not offer org.freedesktop.secrets within 10 s:" >&2
    cat "$HOME/keyring.log" >&2
    exit 1
fi

status=0
"$@" || status=$?
exit "$status"
