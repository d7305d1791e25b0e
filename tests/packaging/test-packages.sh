#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Linux packages as a user gets them. Builds the .deb packages with cpack from this build
# directory and checks what a user and the package tools see: the files, the dependencies (the
# server pulls in no GUI library; the app lists every QML module its QML imports), the
# maintainer scripts, the desktop file, the AppStream metainfo, the man page (true to --help),
# the systemd unit and the example config file (accepted by the server). With rpmbuild present it
# builds and inspects the RPMs too.
#
# As root with PARLEY_PACKAGE_INSTALL_TEST=1 (CI sets it: it changes the machine) it then
# installs the packages with `apt-get install ./….deb` as a new user would, runs the installed
# server as the packaged system user and asks it for server.info over a WebSocket and for
# /healthz and /metrics over HTTP, starts the installed unit with `systemctl start` under this
# machine's systemd booted in a throwaway container (systemd-container.sh: systemd is not PID 1
# here) and checks the running service the same way, its restart on failure, its clean stop and
# its journal, runs the installed app offscreen and checks that its QML loads, and removes and
# purges both again. Where this host cannot run the container (see systemd-container.sh for what
# it needs) only the systemd part is skipped, with the reason, unless
# PARLEY_REQUIRE_SYSTEMD_CONTAINER=1 (.ci/run sets it) makes that a failure.
#
# Environment, from tests/packaging/CMakeLists.txt: PARLEY_SOURCE_DIR, PARLEY_BUILD_DIR,
# PARLEY_VERSION, PARLEY_SERVER_BUILD, PARLEY_APP_BUILD (empty when the app is not built),
# PARLEY_WSPROBE.
set -uo pipefail

passed=0
failed=0
ok() {
  echo "ok - $*"
  passed=$((passed + 1))
}
not_ok() {
  echo "not ok - $*"
  failed=$((failed + 1))
}
skip() { echo "skip - $*"; }
# check DESCRIPTION COMMAND...: one assertion.
check() {
  local what=$1
  shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}
finish() {
  echo "packaging: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}
# check_logged DESCRIPTION LOG COMMAND...: an assertion whose output is shown when it fails.
check_logged() {
  local what=$1 log=$2
  shift 2
  if "$@" >"$log" 2>&1; then
    ok "$what"
  else
    sed 's/^/    /' "$log"
    not_ok "$what"
  fi
}
# A step that later ones need: on failure, show its log and stop.
require() {
  local what=$1 log=$2
  shift 2
  if "$@" >"$log" 2>&1; then
    ok "$what"
  else
    sed 's/^/    /' "$log"
    not_ok "$what"
    finish
  fi
}

work=$(mktemp -d /tmp/parley-packaging.XXXXXX)
chmod 755 "$work" # apt's sandbox user and the parley user read from here
server_pid=""
installed=()
container_sh="$(dirname "${BASH_SOURCE[0]}")/systemd-container.sh"
container="" # the systemd container's directory while it may be running
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  [ -n "$container" ] && bash "$container_sh" teardown "$container"
  if [ ${#installed[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "${installed[@]}" >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# contains FILE LINE: FILE has exactly this line.
contains() { grep -qxF -- "$2" "$1"; }
# lacks FILE REGEX: no line of FILE matches.
lacks() { ! grep -qE -- "$2" "$1"; }
# Package names of a Depends field, without versions and alternatives' bars.
depends_names() { tr ',|' '\n' <<<"$1" | sed -E 's/\(.*\)//; s/:any//; s/[[:space:]]//g' | grep .; }

# wait_for_listening LOG: the port parley-server reports in LOG ("listening on ws://…:PORT/").
wait_for_listening() {
  local log=$1 port
  for _ in $(seq 1 150); do
    port=$(grep -oE 'listening on wss?://[^ /"]*:[0-9]+' "$log" | grep -oE '[0-9]+$' | head -1)
    if [ -n "$port" ]; then
      echo "$port"
      return 0
    fi
    [ -n "$server_pid" ] && ! kill -0 "$server_pid" 2>/dev/null && break
    sleep 0.2
  done
  sed 's/^/    /' "$log" >&2
  return 1
}
# prometheus_text FILE: every line is a HELP or TYPE comment or a parley_ sample with its value.
prometheus_text() {
  ! grep -vE '^# (HELP|TYPE) parley_[a-z_]+ |^parley_[a-z_]+(\{[^}]*\})? [0-9.e+-]+$' "$1" | grep -q .
}
# http_get BODY URL [RUNNER…]: the status of GET URL (curl run through RUNNER, e.g. into the
# container's network), with the headers in BODY.headers and the body in BODY.
http_get() {
  local body=$1 url=$2
  shift 2
  "$@" curl -sS --max-time 10 -D "$body.headers" -o "$body" -w '%{http_code}' "$url" \
    2>>"$work/curl.log"
}
# check_http WHO PORT [RUNNER…]: /healthz and /metrics of a running server, as a load balancer
# and Prometheus see them, after it answered one server.info (parley-wsprobe).
check_http() {
  local who=$1 port=$2 status
  shift 2
  status=$(http_get "$work/healthz" "http://127.0.0.1:$port/healthz" "$@")
  echo "# GET /healthz: $status $(cat "$work/healthz" 2>/dev/null)"
  check "$who answers GET /healthz with 200" test "$status" = 200
  check "$who's /healthz is one flat JSON object" \
    grep -qxE '\{("[a-z]+":"[a-z]+",?)*\}' "$work/healthz"
  check "$who's /healthz has \"status\":\"ok\"" grep -qF '"status":"ok"' "$work/healthz"
  check "$who's /healthz has \"database\":\"ok\"" grep -qF '"database":"ok"' "$work/healthz"
  check "$who's /healthz is application/json" \
    grep -qiE '^content-type: application/json' "$work/healthz.headers"

  status=$(http_get "$work/metrics" "http://127.0.0.1:$port/metrics" "$@")
  check "$who answers GET /metrics with 200" test "$status" = 200
  check "$who's /metrics is Prometheus text (version 0.0.4)" \
    grep -qiE '^content-type: text/plain; version=0\.0\.4' "$work/metrics.headers"
  check "$who's /metrics reports parley_build_info for version $PARLEY_VERSION" \
    contains "$work/metrics" "parley_build_info{version=\"$PARLEY_VERSION\"} 1"
  for metric in "parley_connections gauge" "parley_messages_stored_total counter" \
    "parley_messages_delivered_total counter" "parley_request_duration_seconds histogram" \
    "parley_errors_total counter" "parley_store_duration_seconds histogram"; do
    check "$who's /metrics declares ${metric% *} (${metric#* })" \
      contains "$work/metrics" "# TYPE $metric"
  done
  check "$who's /metrics counts the server.info it answered" \
    grep -qE '^parley_request_duration_seconds_count\{op="server\.info"\} [1-9][0-9]*$' \
    "$work/metrics"
  check "every line of $who's /metrics is a parley_ sample or its HELP or TYPE" \
    prometheus_text "$work/metrics"

  status=$(http_get "$work/other" "http://127.0.0.1:$port/index.html" "$@")
  check "$who exposes nothing else over HTTP (GET /index.html: 404)" test "$status" = 404
}

# stop_server: SIGTERM; true when the server exited with 0 (a clean stop).
stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid"
  local status=$?
  server_pid=""
  [ "$status" -eq 0 ]
}

# check_needed_packages NAME BINARY DEPENDS-FILE: the package of every library the binary links
# (readelf NEEDED, found with dpkg -S) is among the package's dependencies: shlibdeps did its job.
check_needed_packages() {
  local name=$1 binary=$2 depends=$3 library path package
  ldd "$binary" >"$work/ldd.txt"
  for library in $(readelf -d "$binary" | sed -nE 's/.*NEEDED.*\[(.*)\]/\1/p'); do
    # "libfoo.so.1 => /path (…)", or for the dynamic loader "/path/ld-linux….so.2 (…)"
    path=$(awk -v lib="$library" '$1 == lib && $2 == "=>" {print $3; exit}
      $1 ~ ("/" lib "$") {print $1; exit}' "$work/ldd.txt")
    package=$({ dpkg -S "$path" || dpkg -S "$(readlink -f "$path")"; } 2>/dev/null | head -1 | cut -d: -f1)
    if [ -z "$package" ]; then
      not_ok "$name's library $library comes from a Debian package"
    else
      check "$name depends on $package (for $library)" contains "$depends" "$package"
    fi
  done
}

echo "# packages from $PARLEY_BUILD_DIR"

# --- Build ---------------------------------------------------------------------------------------

require "cpack -G DEB builds the packages" "$work/cpack-deb.log" \
  cpack --config "$PARLEY_BUILD_DIR/CPackConfig.cmake" -G DEB -B "$work/deb"
server_deb=$(ls "$work"/deb/parley-server_*.deb 2>/dev/null | head -1)
app_deb=$(ls "$work"/deb/parley_*.deb 2>/dev/null | head -1)
[ -n "$server_deb" ] || { not_ok "cpack made parley-server_*.deb"; finish; }
if [ -n "$PARLEY_APP_BUILD" ] && [ -z "$app_deb" ]; then
  not_ok "cpack made parley_*.deb (the app is built)"
  finish
fi

arch=$(dpkg --print-architecture)
dpkg-deb -c "$server_deb" | awk '{print $6}' >"$work/server.files"
dpkg-deb -x "$server_deb" "$work/server-root"
server_version=$(dpkg-deb -f "$server_deb" Version)
server_depends=$(dpkg-deb -f "$server_deb" Depends)

# --- parley-server.deb ---------------------------------------------------------------------------

check "parley-server.deb is named parley-server" test "$(dpkg-deb -f "$server_deb" Package)" = parley-server
check "parley-server.deb has version $PARLEY_VERSION-<release> ($server_version)" \
  grep -qE "^${PARLEY_VERSION//./\\.}-[0-9]+$" <<<"$server_version"
check "parley-server.deb is built for $arch" test "$(dpkg-deb -f "$server_deb" Architecture)" = "$arch"
for path in usr/bin/parley-server usr/lib/systemd/system/parley-server.service \
  usr/lib/sysusers.d/parley-server.conf etc/parley/server.conf \
  usr/share/man/man1/parley-server.1.gz usr/share/doc/parley-server/copyright; do
  check "parley-server.deb holds /$path" contains "$work/server.files" "./$path"
done
check "parley-server.deb holds no app (parley, .desktop, icons)" \
  lacks "$work/server.files" '^\./usr/(bin/parley$|share/(applications|icons|metainfo)/)'
check "parley-server.deb marks /etc/parley/server.conf as a conffile" \
  grep -qxF /etc/parley/server.conf <(dpkg-deb -I "$server_deb" conffiles)

dpkg-deb -e "$server_deb" "$work/server-control"
for script in postinst prerm postrm; do
  check "parley-server.deb has an executable, valid $script" \
    bash -c "test -x '$work/server-control/$script' && sh -n '$work/server-control/$script'"
done

echo "# parley-server Depends: $server_depends"
depends_names "$server_depends" >"$work/server.depends"
check_needed_packages parley-server "$work/server-root/usr/bin/parley-server" "$work/server.depends"
check "parley-server depends on Qt's SQLite driver (a plugin: no shlibdeps)" \
  contains "$work/server.depends" libqt6sql6-sqlite
gui='^(libqt6(gui|widgets|quick|qml|opengl|svg|waylandclient)|libqt6keychain|qml6-module-|qt6-wayland|libx11|libxcb|libgl1|libglx|libegl|libwayland|libvulkan|libfontconfig|libfreetype)'
check "parley-server depends on no GUI package" lacks "$work/server.depends" "$gui"
check "the packaged parley-server links no GUI library" \
  bash -c "! readelf -d '$work/server-root/usr/bin/parley-server' | grep -E 'NEEDED.*(Gui|Quick|Qml|Widgets|OpenGL|libX|libxcb|libGL|libEGL)'"
if apt-cache show libqt6core6 >/dev/null 2>&1; then
  # Everything apt would install for it, not only what it names.
  mapfile -t direct <"$work/server.depends"
  apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
    --no-replaces --no-enhances "${direct[@]}" 2>/dev/null |
    grep -v '^ ' | sort -u >"$work/server.closure"
  check "nothing parley-server pulls in, however indirectly, is a GUI package" \
    lacks "$work/server.closure" "$gui"
else
  skip "parley-server's dependency closure (apt has no package lists: run apt-get update)"
fi
check "the packaged parley-server reports version $PARLEY_VERSION" \
  test "$("$work/server-root/usr/bin/parley-server" --version)" = "parley-server $PARLEY_VERSION"

# The man page: renders cleanly, and documents every option and variable of --help.
man_page="$work/server-root/usr/share/man/man1/parley-server.1.gz"
zcat "$man_page" | sed 's/\\-/-/g' >"$work/man.src"
"$PARLEY_SERVER_BUILD" --help >"$work/help.txt"
# Options start in the third column of --help; deeper lines continue a description.
options=$(grep -oE '^  (-[a-zA-Z], )?--[a-z][a-z-]*' "$work/help.txt" | grep -oE -- '--[a-z-]+')
[ -n "$options" ] || not_ok "parley-server --help lists options"
for option in $options; do
  check "the man page documents $option" grep -qE -- "${option}([^a-z-]|$)" "$work/man.src"
done
for variable in $(grep -oE 'PARLEY_[A-Z_]+' "$work/help.txt" | sort -u); do
  check "the man page documents $variable" grep -qE "${variable}([^A-Z_]|$)" "$work/man.src"
done
if command -v groff >/dev/null; then
  check "the man page renders without groff warnings" \
    bash -c "zcat '$man_page' | groff -man -ww -z 2>&1 | { ! grep .; }"
else
  skip "man page rendering (no groff)"
fi

# The example config: a key for every settable option, each example valid for the server.
conf="$work/server-root/etc/parley/server.conf"
grep -oE '^;?[a-z][a-z-]* =' "$conf" | tr -d ';= ' | sort -u >"$work/conf.keys"
for option in $options; do
  case $option in --help | --help-all | --version | --config) continue ;; esac
  check "server.conf shows the key ${option#--}" contains "$work/conf.keys" "${option#--}"
done
for key in $(cat "$work/conf.keys"); do
  check "server.conf's key $key is an option of parley-server" grep -qxF -- "--$key" <<<"$options"
done
# The abuse limits, as the server names them when given an unknown one.
limits=$(PARLEY_CONFIG='' "$PARLEY_SERVER_BUILD" --limit no-such-limit=1 2>&1 |
  sed -nE 's/.*\(known: (.*)\).*/\1/p' | tr -d ',')
[ -n "$limits" ] || not_ok "parley-server names its limits"
for limit in $limits; do
  check "the man page documents the limit $limit" \
    grep -qE "(^|[^a-z-])${limit}([^a-z-]|$)" "$work/man.src"
  check "server.conf documents the limit $limit" grep -qE "^;.*[^a-z-]${limit}=" "$conf"
done
check "server.conf as shipped sets nothing (every key commented out)" \
  lacks "$conf" '^[a-z]'

server_log="$work/conf-shipped.log"
"$PARLEY_SERVER_BUILD" --config "$conf" --port 0 --bind 127.0.0.1 --data-dir "$work/conf-data" \
  2>"$server_log" &
server_pid=$!
if port=$(wait_for_listening "$server_log"); then
  ok "parley-server starts with server.conf as shipped"
else
  not_ok "parley-server starts with server.conf as shipped"
fi
check "parley-server stops cleanly on SIGTERM" stop_server

# Every example uncommented: flags replace only what needs this machine (port, paths, TLS files).
sed -E 's/^;([a-z][a-z-]* = )/\1/' "$conf" >"$work/examples.conf"
server_log="$work/conf-examples.log"
"$PARLEY_SERVER_BUILD" --config "$work/examples.conf" --port 0 --data-dir "$work/examples-data" \
  --database "$work/examples-data/parley.db" --tls-cert "" --tls-key "" 2>"$server_log" &
server_pid=$!
if port=$(wait_for_listening "$server_log"); then
  ok "parley-server starts with every example of server.conf uncommented"
  info=$("$PARLEY_WSPROBE" --insecure "wss://127.0.0.1:$port/")
  expected_name=$(sed -nE 's/^name = (.*)$/\1/p' "$work/examples.conf")
  check "the example name ($expected_name) reaches clients over wss://" \
    grep -qF "\"name\":\"$expected_name\"" <<<"$info"
  check "the example registration = closed reaches clients" \
    grep -qF '"registrationOpen":false' <<<"$info"
  check "parley-server stops cleanly on SIGTERM" stop_server
else
  not_ok "parley-server starts with every example of server.conf uncommented"
  kill "$server_pid" 2>/dev/null
  server_pid=""
fi

# The unit, as systemd reads it (with the unpacked binary, as it is not installed yet).
if command -v systemd-analyze >/dev/null; then
  sed "s|/usr/bin/parley-server|$work/server-root/usr/bin/parley-server|" \
    "$work/server-root/usr/lib/systemd/system/parley-server.service" >"$work/parley-server.service"
  check_logged "systemd-analyze verify accepts parley-server.service" "$work/verify.log" \
    systemd-analyze verify --man=no "$work/parley-server.service"
else
  skip "systemd-analyze verify (not installed)"
fi
unit="$work/server-root/usr/lib/systemd/system/parley-server.service"
for line in "User=parley" "StateDirectory=parley" \
  "ExecStart=/usr/bin/parley-server --data-dir /var/lib/parley" "ProtectSystem=strict" \
  "ProtectHome=yes" "NoNewPrivileges=yes" "PrivateTmp=yes" "Restart=on-failure"; do
  check "parley-server.service has $line" contains "$unit" "$line"
done
check "the sysusers.d file makes the unit's user with home /var/lib/parley" \
  grep -qE '^u parley - ".*" /var/lib/parley$' "$work/server-root/usr/lib/sysusers.d/parley-server.conf"

# --- parley.deb ----------------------------------------------------------------------------------

qml_dir=$(qmake6 -query QT_INSTALL_QML 2>/dev/null || true)
[ -d "$qml_dir" ] || qml_dir=/usr/lib/$(gcc -print-multiarch 2>/dev/null)/qt6/qml

# qml_imports FILE...: the module URIs that the QML files import (not relative or own ones).
qml_imports() {
  sed -nE 's/^[[:space:]]*import[[:space:]]+([A-Za-z][A-Za-z0-9_.]*).*/\1/p' "$@" 2>/dev/null |
    grep -vE '^Parley(\.|$)' | sort -u
}
# qml_module_needs URI: what the module needs in turn: its qmldir's (non-optional) imports and
# dependencies, and its implementation module with what that one's QML imports.
qml_module_needs() {
  local dir="$qml_dir/${1//.//}"
  sed -nE 's/^(import|depends)[[:space:]]+([A-Za-z][A-Za-z0-9_.]*).*/\2/p' "$dir/qmldir"
  # QtQuick.Dialogs shows its own (non-native) dialogs, written in QML in quickimpl/qml/, when
  # the platform has none: FileDialog there needs Qt.labs.folderlistmodel.
  [ "$1" = QtQuick.Dialogs ] && echo QtQuick.Dialogs.quickimpl
  qml_imports "$dir"/qml/*.qml "$dir"/qml/+*/*.qml
  true
}

if [ -z "$PARLEY_APP_BUILD" ]; then
  skip "parley.deb (the app is not built: PARLEY_BUILD_APP=OFF)"
else
  dpkg-deb -c "$app_deb" | awk '{print $6}' >"$work/app.files"
  dpkg-deb -x "$app_deb" "$work/app-root"
  app_depends=$(dpkg-deb -f "$app_deb" Depends)
  echo "# parley Depends: $app_depends"
  depends_names "$app_depends" >"$work/app.depends"

  check "parley.deb is named parley" test "$(dpkg-deb -f "$app_deb" Package)" = parley
  check "parley.deb has the server's version" test "$(dpkg-deb -f "$app_deb" Version)" = "$server_version"
  check "parley depends on exactly this parley-server (= $server_version)" \
    grep -qF "parley-server (= $server_version)" <<<"$app_depends"
  for path in usr/bin/parley usr/share/applications/parley.desktop \
    usr/share/metainfo/io.parley.Parley.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/parley.svg usr/share/doc/parley/copyright; do
    check "parley.deb holds /$path" contains "$work/app.files" "./$path"
  done
  for size in 16 22 24 32 48 64 128 256 512; do
    icon="$work/app-root/usr/share/icons/hicolor/${size}x${size}/apps/parley.png"
    # A PNG's width and height: big-endian, at bytes 16 and 20.
    dimensions=$(od -An -tu1 -j16 -N8 "$icon" 2>/dev/null |
      awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}')
    check "parley.deb holds a ${size}x${size} PNG icon" test "$dimensions" = "${size}x${size}"
  done
  check "parley.deb leaves the server binary to parley-server.deb" \
    lacks "$work/app.files" '^\./usr/bin/parley-server$'
  check_needed_packages parley "$work/app-root/usr/bin/parley" "$work/app.depends"

  # Every QML module the app's QML needs, directly or through another module, comes from a
  # package that parley depends on by name.
  queue=$(qml_imports "$PARLEY_SOURCE_DIR"/qml/*.qml)
  seen=" "
  while [ -n "$queue" ]; do
    module=${queue%%$'\n'*}
    [ "$module" = "$queue" ] && queue="" || queue=${queue#*$'\n'}
    [[ "$seen" == *" $module "* ]] && continue
    seen+="$module "
    qmldir="$qml_dir/${module//.//}/qmldir"
    if [ ! -f "$qmldir" ]; then
      not_ok "QML module $module is installed here (scripts/install-deps)"
      continue
    fi
    package=$(dpkg -S "$qmldir" 2>/dev/null | head -1 | cut -d: -f1)
    if [ -z "$package" ]; then
      not_ok "QML module $module comes from a Debian package"
    elif ! contains "$work/app.depends" "$package"; then
      not_ok "parley depends on $package (QML module $module)"
    else
      ok "parley depends on $package (QML module $module)"
    fi
    queue=$(printf '%s\n%s' "$queue" "$(qml_module_needs "$module")" | grep .)
  done

  desktop="$work/app-root/usr/share/applications/parley.desktop"
  for line in "Exec=parley" "Icon=parley" "Type=Application"; do
    check "parley.desktop has $line" contains "$desktop" "$line"
  done
  check "parley.desktop is in Network;Chat;InstantMessaging" \
    grep -qE '^Categories=Network;Chat;InstantMessaging;?$' "$desktop"
  if command -v desktop-file-validate >/dev/null; then
    check_logged "desktop-file-validate accepts parley.desktop" "$work/desktop.log" \
      bash -c "desktop-file-validate '$desktop' && ! grep . <(desktop-file-validate '$desktop')"
  else
    skip "desktop-file-validate (desktop-file-utils not installed)"
  fi
  metainfo="$work/app-root/usr/share/metainfo/io.parley.Parley.metainfo.xml"
  check "the metainfo launches parley.desktop" \
    grep -qF '<launchable type="desktop-id">parley.desktop</launchable>' "$metainfo"
  check "the metainfo's release is $PARLEY_VERSION" \
    grep -qF "<release version=\"$PARLEY_VERSION\"" "$metainfo"
  if command -v appstreamcli >/dev/null; then
    check_logged "appstreamcli validate accepts the metainfo" "$work/appstream.log" \
      appstreamcli validate --no-net "$metainfo"
  else
    skip "appstreamcli validate (appstream not installed)"
  fi
fi

# --- RPM -----------------------------------------------------------------------------------------

if command -v rpmbuild >/dev/null && command -v rpm >/dev/null; then
  require "cpack -G RPM builds the packages" "$work/cpack-rpm.log" \
    cpack --config "$PARLEY_BUILD_DIR/CPackConfig.cmake" -G RPM -B "$work/rpm"
  server_rpm=$(ls "$work"/rpm/parley-server-*.rpm | head -1)
  rpm -qpl "$server_rpm" >"$work/server-rpm.files" 2>/dev/null
  for path in /usr/bin/parley-server /usr/lib/systemd/system/parley-server.service \
    /usr/lib/sysusers.d/parley-server.conf /etc/parley/server.conf; do
    check "parley-server.rpm holds $path" contains "$work/server-rpm.files" "$path"
  done
  check "parley-server.rpm keeps an edited /etc/parley/server.conf (%config)" \
    grep -qxF /etc/parley/server.conf <(rpm -qpc "$server_rpm" 2>/dev/null)
  check "parley-server.rpm creates the parley user after install" \
    grep -qF systemd-sysusers <(rpm -qp --scripts "$server_rpm" 2>/dev/null)
  if [ -n "$PARLEY_APP_BUILD" ]; then
    app_rpm=$(ls "$work"/rpm/parley-[0-9]*.rpm | head -1)
    check "parley.rpm holds /usr/bin/parley and no server" \
      bash -c "rpm -qpl '$app_rpm' 2>/dev/null | grep -qxF /usr/bin/parley && ! rpm -qpl '$app_rpm' 2>/dev/null | grep -qxF /usr/bin/parley-server"
    check "parley.rpm requires its parley-server" \
      grep -qE '^parley-server = ' <(rpm -qpR "$app_rpm" 2>/dev/null)
  fi
else
  skip "RPM packages (rpmbuild not installed)"
fi

# --- Installed on this machine -------------------------------------------------------------------

if [ "${PARLEY_PACKAGE_INSTALL_TEST:-0}" != 1 ] || [ "$(id -u)" -ne 0 ]; then
  skip "installing the packages (needs root and PARLEY_PACKAGE_INSTALL_TEST=1)"
  finish
fi
export DEBIAN_FRONTEND=noninteractive
installed=(parley-server)
require "apt-get install ./parley-server_*.deb" "$work/apt-server.log" \
  apt-get install -y --no-install-recommends "$server_deb"
check "parley-server is installed" \
  test "$(dpkg-query -W -f='${Status}' parley-server)" = "install ok installed"
check "the installed parley-server reports version $PARLEY_VERSION" \
  test "$(/usr/bin/parley-server --version)" = "parley-server $PARLEY_VERSION"
check "the package made the system user parley" getent passwd parley
check "dpkg keeps /etc/parley/server.conf as a conffile" \
  grep -qF /etc/parley/server.conf <(dpkg-query -W -f='${Conffiles}' parley-server)
if command -v systemd-analyze >/dev/null; then
  man_check=--man=yes
  command -v man >/dev/null || man_check=--man=no
  check_logged "systemd-analyze verify accepts the installed unit" "$work/verify-installed.log" \
    systemd-analyze verify "$man_check" /usr/lib/systemd/system/parley-server.service
fi

# As the service would run it: the parley user, its own data directory, the installed config.
data=$(mktemp -d /tmp/parley-data.XXXXXX)
chown parley:parley "$data"
server_log="$work/installed-server.log"
setpriv --reuid=parley --regid=parley --clear-groups -- \
  /usr/bin/parley-server --port 0 --bind 127.0.0.1 --data-dir "$data" 2>"$server_log" &
server_pid=$!
if port=$(wait_for_listening "$server_log"); then
  ok "the installed parley-server starts as user parley"
  info=$("$PARLEY_WSPROBE" "ws://127.0.0.1:$port/")
  echo "# server.info: $info"
  check "the installed parley-server answers server.info with version $PARLEY_VERSION" \
    grep -qF "\"version\":\"$PARLEY_VERSION\"" <<<"$info"
  check "the installed parley-server speaks protocol 1" grep -qF '"protocol":1' <<<"$info"
  check_http "the installed parley-server" "$port"
  check "its database belongs to parley" test "$(stat -c %U "$data/parley.db")" = parley
  check "the installed parley-server stops cleanly on SIGTERM" stop_server
else
  not_ok "the installed parley-server starts as user parley"
  kill "$server_pid" 2>/dev/null
  server_pid=""
fi
rm -rf "$data"

# The unit as systemd runs it: `systemctl start` with the installed unit file, user, sandbox and
# /etc/parley/server.conf, in a container whose systemd sees this machine's files (the installed
# package) through an overlay and keeps its writes (/var/lib/parley, the journal) to itself.
container="$work/container"
mkdir "$container"
# in_container COMMAND…: run it in the container, bounded.
in_container() { timeout 60 bash "$container_sh" exec "$container" "$@"; }
# container_net COMMAND…: run this machine's COMMAND in the container's network namespace.
container_net() { timeout 60 bash "$container_sh" net "$container" "$@"; }
# unit_property NAME: a property of parley-server.service (systemctl show).
unit_property() { in_container systemctl show --value -p "$1" parley-server.service; }
# wait_healthy SECONDS: until GET /healthz answers 200 on the default port.
wait_healthy() {
  local deadline=$((SECONDS + $1))
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ "$(http_get "$work/healthz-poll" "http://127.0.0.1:7447/healthz" container_net)" = 200 ] && return 0
    sleep 0.2
  done
  return 1
}
# Where this host cannot run the container (systemd-container.sh exits with 77 and says what is
# missing: not root enough, no systemd, no cgroup2 at all), only this part is skipped, unless
# PARLEY_REQUIRE_SYSTEMD_CONTAINER=1 (.ci/run sets it) makes that a failure.
container_status=0
bash "$container_sh" boot "$container" $$ >"$work/container-boot.log" 2>&1 || container_status=$?
if [ "$container_status" -eq 77 ] && [ "${PARLEY_REQUIRE_SYSTEMD_CONTAINER:-0}" != 1 ]; then
  skip "the installed unit under systemd ($(sed -n 's/^SKIP: systemd-container: //p' "$work/container-boot.log" | head -1))"
  container=""
else
  if [ "$container_status" -ne 0 ]; then
    sed 's/^/    /' "$work/container-boot.log"
    not_ok "systemd boots as PID 1 of a throwaway container"
    finish
  fi
  ok "systemd boots as PID 1 of a throwaway container"
  # (Debian's systemd names it /lib/systemd/system/…: /lib is /usr/lib.)
  check "systemd loads the unit file the package installed" \
    test "$(readlink -f "$(unit_property FragmentPath)")" = \
    "$(readlink -f /usr/lib/systemd/system/parley-server.service)"
  check "the package leaves parley-server.service disabled" \
    test "$(in_container systemctl is-enabled parley-server.service)" = disabled
  check_logged "systemctl start parley-server" "$work/systemctl-start.log" \
    in_container systemctl start parley-server.service
  # server.conf as shipped sets nothing: the default port, 7447, on 127.0.0.1.
  if wait_healthy 30; then
    ok "the service answers GET /healthz with 200 within 30 s"
    main_pid=$(unit_property MainPID)
    check "the service runs as user parley" \
      test "$(in_container ps -o user= -p "$main_pid" | tr -d ' ')" = parley
    in_container cat "/proc/$main_pid/status" >"$work/service-status"
    check "the service runs with NoNewPrivileges" grep -qxE 'NoNewPrivs:\s+1' "$work/service-status"
    check "the service runs under a seccomp filter (SystemCallFilter)" \
      grep -qxE 'Seccomp:\s+2' "$work/service-status"
    check "the service runs with no capabilities (CapabilityBoundingSet=)" \
      grep -qxE 'CapBnd:\s+0+' "$work/service-status"
    check "the service keeps its database in /var/lib/parley, owned by parley" \
      test "$(in_container stat -c %U /var/lib/parley/parley.db)" = parley
    check "the service's /var/lib/parley is private to parley (0700)" \
      test "$(in_container stat -c %a /var/lib/parley)" = 700
    info=$(container_net "$PARLEY_WSPROBE" "ws://127.0.0.1:7447/")
    check "the service answers server.info with version $PARLEY_VERSION" \
      grep -qF "\"version\":\"$PARLEY_VERSION\"" <<<"$info"
    check_http "the service" 7447 container_net

    # Restart=on-failure: a crash (SIGKILL) brings it back after RestartSec=5s.
    in_container kill -KILL "$main_pid"
    deadline=$((SECONDS + 30))
    while [ "$SECONDS" -lt "$deadline" ] && [ "$(unit_property NRestarts)" != 1 ]; do
      sleep 0.2
    done
    check "systemd restarts the service after a crash" test "$(unit_property NRestarts)" = 1
    if wait_healthy 30; then ok "the restarted service answers GET /healthz with 200"; else
      not_ok "the restarted service answers GET /healthz with 200"; fi
    check "the restarted service is a new process" test "$(unit_property MainPID)" != "$main_pid"
  else
    not_ok "the service answers GET /healthz with 200 within 30 s"
  fi
  check_logged "systemctl stop parley-server" "$work/systemctl-stop.log" \
    in_container systemctl stop parley-server.service
  check "the service stopped cleanly (exit status 0, result success)" \
    test "$(unit_property ExecMainStatus)/$(unit_property Result)" = 0/success
  in_container journalctl --no-pager -o cat -u parley-server.service >"$work/journal.txt"
  sed 's/^/    /' "$work/journal.txt"
  check "the journal has the service's log: listening on ws://127.0.0.1:7447/" \
    grep -qF 'listening on ws://127.0.0.1:7447/' "$work/journal.txt"
  check "the journal shows the crash and the restart" \
    bash -c "grep -qF 'status=9/KILL' '$work/journal.txt' && grep -qF 'Scheduled restart job' '$work/journal.txt'"
  check "the journal shows the clean stop" \
    bash -c "grep -qF 'stopping on signal 15' '$work/journal.txt' && grep -qF 'Deactivated successfully' '$work/journal.txt'"
  check_logged "the container is gone: no process, cgroup or mount left" "$work/container-teardown.log" \
    bash "$container_sh" teardown "$container"
  container=""
fi

if [ -n "$PARLEY_APP_BUILD" ]; then
  installed=(parley parley-server)
  require "apt-get install ./parley_*.deb (with its parley-server)" "$work/apt-app.log" \
    apt-get install -y --no-install-recommends "$server_deb" "$app_deb"
  check "parley is installed" test "$(dpkg-query -W -f='${Status}' parley)" = "install ok installed"
  check "the desktop file is installed" test -f /usr/share/applications/parley.desktop
  check "the 48x48 icon is installed" test -f /usr/share/icons/hicolor/48x48/apps/parley.png

  # A couple of seconds offscreen: a missing QML module or type ends it early or shows on stderr.
  mkdir -p "$work/home" "$work/runtime"
  chmod 700 "$work/runtime"
  HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" QT_QPA_PLATFORM=offscreen PARLEY_DISCOVERY_LOOPBACK_ONLY=1 \
    timeout -s TERM 8 /usr/bin/parley >"$work/app.out" 2>"$work/app.err"
  status=$?
  sed 's/^/    /' "$work/app.err"
  check "the installed parley keeps running offscreen (killed by the timeout, status $status)" \
    test "$status" -eq 124
  check "the installed parley's QML finds every module and type" \
    lacks "$work/app.err" 'module "[^"]*" is not installed|Type [^ ]* unavailable|is not a type|Failed to load|failed to load component|Cannot load library|Could not load the Qt platform plugin|plugin cannot be loaded'
fi

require "apt-get remove the packages" "$work/apt-remove.log" apt-get remove -y "${installed[@]}"
check "removing takes /usr/bin/parley-server away" test ! -e /usr/bin/parley-server
check "removing takes /usr/bin/parley away" test ! -e /usr/bin/parley
check "removing keeps the admin's /etc/parley/server.conf" test -f /etc/parley/server.conf
require "apt-get purge the packages" "$work/apt-purge.log" apt-get purge -y "${installed[@]}"
installed=()
check "purging takes /etc/parley/server.conf away" test ! -e /etc/parley/server.conf
check "parley-server is gone from dpkg" \
  bash -c "! dpkg-query -W -f='\${Status}' parley-server 2>/dev/null | grep -q installed"

finish
