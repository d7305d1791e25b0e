#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Boots this machine's own systemd as PID 1 of a throwaway container, so a test can start an
# installed unit with `systemctl` where systemd is not the init system (CI machines, containers).
#
#   systemd-container.sh boot DIR [OWNER]
#                                      boot; returns once the boot is done (DIR: an empty directory).
#                                      With OWNER (a PID), tears the container down when OWNER dies
#                                      without doing so, e.g. killed by a test timeout.
#   systemd-container.sh exec DIR CMD… run CMD inside (its mounts, PIDs, network and root)
#   systemd-container.sh net DIR CMD…  run CMD from this machine's root in the container's network
#   systemd-container.sh teardown DIR  power off, kill what is left, remove the cgroup and DIR's
#                                      contents; safe to call whatever state boot left
#
# What it needs from the host: root with CAP_SYS_ADMIN (namespaces and mounts: not in an
# unprivileged Docker container), util-linux (unshare, nsenter, setpriv), systemd installed (not
# necessarily running), overlayfs, and a kernel with cgroup v2 — mounted or not: on a host whose
# cgroups are v1 or hybrid (v1 controllers, maybe cgroup2 at /sys/fs/cgroup/unified, maybe none) it
# mounts a cgroup2 hierarchy of its own under DIR for the container's cgroup, and unmounts it at
# teardown. When the host lacks one of these, boot changes nothing, prints "SKIP: <what is
# missing>" and exits with 77; any other failure is 1.
#
# To see the fallback on a host with cgroup2 mounted, hide the mounts in a mount namespace:
#   s=tests/packaging/systemd-container.sh d=$(mktemp -d)
#   unshare --mount --propagation private bash -c "mount -t tmpfs tmpfs /sys/fs/cgroup &&
#     bash $s boot $d && bash $s exec $d systemctl is-system-running && bash $s teardown $d"
# (all in the one mount namespace, where the cgroup2 mount of its own lives).
#
# The container sees this machine's root file system through an overlay whose upper layer is a
# tmpfs: packages installed here are there, while nothing the boot writes (journal, users, /tmp
# cleaning, /var/lib) reaches this machine. It has its own PID, mount, network, UTS, IPC and
# cgroup namespaces, a /dev with only the harmless devices, read-only /sys and /proc/sys, and no
# capability to load modules, set the clock or read the kernel log. It boots to a target that
# needs only sysinit.target: no timers, no enabled services.
set -uo pipefail

readonly boot_timeout=60 stop_timeout=30
readonly drop_caps=-sys_module,-sys_rawio,-sys_time,-sys_pacct,-syslog,-wake_alarm,-block_suspend,-mac_admin,-mac_override

die() {
  echo "systemd-container: $*" >&2
  exit 1
}
# skip REASON: this host lacks what the container needs (see above).
skip() {
  echo "SKIP: systemd-container: $*" >&2
  exit 77
}

# make_cgroup DIR: makes the container's cgroup (cgroup v2) and writes its path to DIR/cgroup, in
# the first place that works: this machine's cgroup2 mount, /sys/fs/cgroup (unified) or
# /sys/fs/cgroup/unified (hybrid), if writable; else a cgroup2 hierarchy mounted at DIR/cgroup2
# (v1 or hybrid hosts without a cgroup2 mount, a read-only /sys/fs/cgroup). That mount is made
# from a new cgroup namespace: mounted from the initial one, cgroup2 takes the mount's options
# (none) as the whole hierarchy's, and would clear nsdelegate and memory_recursiveprot of a
# systemd host's mount that this script does not see. False, with the reasons in DIR/cgroup.why,
# when nothing works.
make_cgroup() {
  local dir=$1 base cgroup name=parley-test-container-$$
  : >"$dir/cgroup.why"
  for base in /sys/fs/cgroup /sys/fs/cgroup/unified; do
    [ "$(stat -fc %T "$base" 2>/dev/null)" = cgroup2fs ] || continue
    if mkdir "$base/$name" 2>>"$dir/cgroup.why"; then
      echo "$base/$name" >"$dir/cgroup"
      return 0
    fi
  done
  if ! grep -qw cgroup2 /proc/filesystems; then
    echo "the kernel has no cgroup2 file system (/proc/filesystems)" >>"$dir/cgroup.why"
    return 1
  fi
  base=$dir/cgroup2
  mkdir -p "$base"
  if ! unshare --cgroup mount -t cgroup2 none "$base" 2>>"$dir/cgroup.why"; then
    rmdir "$base"
    return 1
  fi
  echo "$base" >"$dir/cgroup2.mount"
  if ! mkdir "$base/$name" 2>>"$dir/cgroup.why"; then
    umount "$base" && rm -f "$dir/cgroup2.mount" && rmdir "$base"
    return 1
  fi
  echo "$base/$name" >"$dir/cgroup"
}

# init DIR: runs as PID 1 of the new namespaces; builds the root and becomes systemd.
init() {
  local dir=$1 root=$1/root device
  set -e
  mount --make-rprivate /
  mount -t tmpfs -o mode=755,size=512m tmpfs "$dir/rw"
  mkdir "$dir/rw/upper" "$dir/rw/work"
  mount -t overlay overlay -o "lowerdir=/,upperdir=$dir/rw/upper,workdir=$dir/rw/work" "$root"

  mount -t proc proc "$root/proc"
  mount --bind "$root/proc/sys" "$root/proc/sys"
  mount -o remount,bind,ro "$root/proc/sys"
  if [ -e "$root/proc/sysrq-trigger" ]; then
    mount --bind "$root/proc/sysrq-trigger" "$root/proc/sysrq-trigger"
    mount -o remount,bind,ro "$root/proc/sysrq-trigger"
  fi
  mount -t sysfs -o ro sysfs "$root/sys"
  # Rooted at the cgroup made for this container (the cgroup namespace's root).
  mount -t cgroup2 cgroup2 "$root/sys/fs/cgroup"

  mount -t tmpfs -o mode=755,nosuid tmpfs "$root/dev"
  for device in null zero full random urandom tty; do
    touch "$root/dev/$device"
    mount --bind "/dev/$device" "$root/dev/$device"
  done
  mkdir "$root/dev/pts" "$root/dev/shm"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$root/dev/pts"
  ln -s pts/ptmx "$root/dev/ptmx"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
  ln -s /proc/self/fd "$root/dev/fd"
  ln -s /proc/self/fd/0 "$root/dev/stdin"
  ln -s /proc/self/fd/1 "$root/dev/stdout"
  ln -s /proc/self/fd/2 "$root/dev/stderr"
  # systemd's status lines and early messages: a file, not this machine's console.
  touch "$root/dev/console"
  mount --bind "$dir/console.log" "$root/dev/console"

  mount -t tmpfs -o mode=755,nosuid,nodev tmpfs "$root/run"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
  # A journal of this boot alone, rather than copies of this machine's journal files.
  mkdir -p "$root/var/log/journal"
  mount -t tmpfs -o mode=2755,nosuid,nodev tmpfs "$root/var/log/journal"

  mkdir -p "$root/etc/systemd/system"
  cat >"$root/etc/systemd/system/container-test.target" <<'EOF'
[Unit]
Description=Throwaway test container
Requires=sysinit.target
After=sysinit.target
AllowIsolate=yes
EOF
  cd "$root"
  exec setpriv --bounding-set "$drop_caps" -- chroot "$root" /usr/bin/env -i \
    container=parley-test PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    /lib/systemd/systemd --system --unit=container-test.target --show-status=no
}

# The host PID of the container's PID 1 (systemd), or nothing.
pid1() {
  local unshare_pid
  unshare_pid=$(cat "$1/unshare.pid" 2>/dev/null) || return 1
  cut -d' ' -f1 "/proc/$unshare_pid/task/$unshare_pid/children" 2>/dev/null | grep .
}

run_in() {
  local dir=$1 pid
  shift
  pid=$(pid1 "$dir") || die "not running"
  nsenter --target "$pid" --all --root --wd -- "$@"
}

run_net() {
  local dir=$1 pid
  shift
  pid=$(pid1 "$dir") || die "not running"
  nsenter --target "$pid" --net -- "$@"
}

# watch DIR OWNER: teardown once OWNER is gone, unless the container went first.
watch() {
  local dir=$1 owner=$2
  echo "$$" >"$dir/watch.pid"
  while kill -0 "$owner" 2>/dev/null; do
    [ -e "$dir/unshare.pid" ] || return 0
    sleep 1
  done
  [ -e "$dir/unshare.pid" ] && teardown "$dir"
}

boot() {
  local dir=$1 owner=${2:-} cgroup state tool why
  # What the host must have: checked before anything changes, so that a skip leaves nothing.
  [ "$(id -u)" -eq 0 ] || skip "needs root"
  for tool in unshare nsenter setpriv chroot mount umount findmnt; do
    command -v "$tool" >/dev/null || skip "$tool is missing (util-linux, mount)"
  done
  [ -x /lib/systemd/systemd ] || skip "systemd is not installed (/lib/systemd/systemd)"
  if ! why=$(unshare --pid --fork --mount --net --uts --ipc --cgroup true 2>&1); then
    skip "cannot make PID, mount, network, UTS, IPC and cgroup namespaces (no CAP_SYS_ADMIN?): $why"
  fi
  make_cgroup "$dir"
  why=$(tr '\n' ' ' <"$dir/cgroup.why")
  rm -f "$dir/cgroup.why"
  [ -e "$dir/cgroup" ] || skip "no cgroup v2 hierarchy to make the container's cgroup in: $why"
  cgroup=$(cat "$dir/cgroup")
  mkdir -p "$dir/rw" "$dir/root"
  : >"$dir/console.log"
  (
    echo "$BASHPID" >"$cgroup/cgroup.procs"
    exec unshare --pid --fork --mount --net --uts --ipc --cgroup --propagation private \
      bash "${BASH_SOURCE[0]}" init "$dir" </dev/null >>"$dir/console.log" 2>&1
  ) &
  echo "$!" >"$dir/unshare.pid"
  if [ -n "$owner" ]; then
    setsid bash "${BASH_SOURCE[0]}" watch "$dir" "$owner" </dev/null >/dev/null 2>&1 &
  fi

  # systemctl answers once the manager is up; is-system-running --wait then waits for the boot.
  local deadline=$((SECONDS + boot_timeout))
  while [ "$SECONDS" -lt "$deadline" ]; do
    state=$(timeout 5 bash "${BASH_SOURCE[0]}" exec "$dir" systemctl is-system-running 2>/dev/null)
    case $state in
    initializing | starting | running | degraded) break ;;
    esac
    kill -0 "$(cat "$dir/unshare.pid")" 2>/dev/null || break
    sleep 0.2
  done
  state=$(timeout "$boot_timeout" bash "${BASH_SOURCE[0]}" exec "$dir" \
    systemctl is-system-running --wait 2>/dev/null)
  case $state in
  running) return 0 ;;
  degraded)
    echo "systemd-container: booted degraded; failed units:" >&2
    run_in "$dir" systemctl --failed --no-legend --no-pager >&2
    return 0
    ;;
  esac
  echo "systemd-container: did not boot (state '${state:-none}'); console:" >&2
  sed 's/^/    /' "$dir/console.log" >&2
  return 1
}

# wait_gone PID SECONDS: true once PID has exited.
wait_gone() {
  for _ in $(seq 1 $(($2 * 10))); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  ! kill -0 "$1" 2>/dev/null
}

teardown() {
  local dir=$1 unshare_pid pid cgroup mount watcher status=0
  watcher=$(cat "$dir/watch.pid" 2>/dev/null)
  [ -n "$watcher" ] && [ "$watcher" != "$$" ] && kill "$watcher" 2>/dev/null
  unshare_pid=$(cat "$dir/unshare.pid" 2>/dev/null)
  if [ -n "$unshare_pid" ] && kill -0 "$unshare_pid" 2>/dev/null; then
    # SIGRTMIN+4: systemd's poweroff. Its exit takes the PID namespace, and so every process of
    # the container, and the mount namespace with the overlay along.
    pid=$(pid1 "$dir") && kill -s SIGRTMIN+4 "$pid" 2>/dev/null
    if ! wait_gone "$unshare_pid" "$stop_timeout"; then
      echo "systemd-container: no poweroff within ${stop_timeout}s; killing it" >&2
      status=1
      pid=$(pid1 "$dir") && kill -KILL "$pid" 2>/dev/null
      kill -KILL "$unshare_pid" 2>/dev/null
      wait_gone "$unshare_pid" 10 || echo "systemd-container: unshare $unshare_pid survives" >&2
    fi
  fi
  cgroup=$(cat "$dir/cgroup" 2>/dev/null)
  if [ -n "$cgroup" ] && [ -d "$cgroup" ]; then
    # Exited processes leave their cgroups a moment later: retry, deepest first, for a while.
    for _ in $(seq 1 50); do
      find "$cgroup" -depth -type d -exec rmdir {} + 2>/dev/null
      [ -d "$cgroup" ] || break
      sleep 0.1
    done
    if [ -d "$cgroup" ]; then
      echo "systemd-container: cannot remove $cgroup; processes in it:" >&2
      find "$cgroup" -name cgroup.procs -exec cat {} + >&2
      status=1
    fi
  fi
  # The cgroup2 hierarchy boot mounted when this machine showed none.
  mount=$(cat "$dir/cgroup2.mount" 2>/dev/null)
  if [ -n "$mount" ]; then
    if umount "$mount"; then
      rmdir "$mount"
      rm -f "$dir/cgroup2.mount"
    else
      echo "systemd-container: cannot unmount $mount" >&2
      status=1
    fi
  fi
  # The other mounts lived in the container's mount namespace: here these are plain directories.
  if findmnt -rn -o TARGET | grep -qF "$dir/"; then
    echo "systemd-container: mounts under $dir remain" >&2
    return 1
  fi
  rm -rf "${dir:?}/rw" "$dir/root" "$dir/unshare.pid" "$dir/cgroup" "$dir/watch.pid"
  return $status
}

command=${1:-}
[ $# -ge 2 ] || die "usage: $0 boot|exec|net|teardown DIR [COMMAND…]"
dir=$(realpath "$2") || die "no directory $2"
shift 2
case $command in
init) init "$dir" ;;
boot) boot "$dir" "$@" ;;
watch) watch "$dir" "$@" ;;
exec) run_in "$dir" "$@" ;;
net) run_net "$dir" "$@" ;;
teardown) teardown "$dir" ;;
*) die "unknown command $command" ;;
esac
