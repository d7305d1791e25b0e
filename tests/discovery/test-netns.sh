#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A server in one network namespace is found by LAN discovery from another, and answers
# server.info at the address it was found at. Two namespaces of this test's own, joined by a veth
# pair on 10.123.X.0/24: nothing is sent to any other network. Needs root (CI runs as root);
# anyone else gets a failure that says so.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "tst_discovery_netns needs root to create network namespaces (run it as root, as CI does)" >&2
  exit 1
fi
for tool in ip "$PARLEY_SERVER_BUILD" "$PARLEY_DISCOVER" "$PARLEY_WSPROBE"; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

ns_a="parley-t-$$-a"
ns_b="parley-t-$$-b"
veth_a="pt$$a"
veth_b="pt$$b"
subnet="10.123.$(($$ % 250 + 1))"
work=$(mktemp -d)
server_pid=""

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  ip netns delete "$ns_a" 2>/dev/null || true
  ip netns delete "$ns_b" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  [ -f "$work/server.log" ] && sed 's/^/  server: /' "$work/server.log" >&2
  exit 1
}

ip netns add "$ns_a"
ip netns add "$ns_b"
# Made inside A, so it never exists in the host's namespace.
ip -n "$ns_a" link add "$veth_a" type veth peer name "$veth_b" netns "$ns_b"
ip -n "$ns_a" addr add "$subnet.1/24" dev "$veth_a"
ip -n "$ns_b" addr add "$subnet.2/24" dev "$veth_b"
for ns in "$ns_a" "$ns_b"; do
  ip -n "$ns" link set lo up
done
ip -n "$ns_a" link set "$veth_a" up
ip -n "$ns_b" link set "$veth_b" up

# The server in A, on a port other than the default so a found port proves the answer's content.
port=7461
PARLEY_CONFIG='' ip netns exec "$ns_a" "$PARLEY_SERVER_BUILD" --bind 0.0.0.0 --port "$port" \
  --name "Netns chat" --data-dir "$work/data" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 100); do
  grep -q "listening on" "$work/server.log" && break
  kill -0 "$server_pid" 2>/dev/null || fail "parley-server did not start"
  sleep 0.1
done
grep -q "listening on" "$work/server.log" || fail "parley-server did not start listening"
grep -q "without LAN discovery" "$work/server.log" && fail "the server runs without discovery"

# The client in B broadcasts on B's veth (its only network besides loopback).
found=$(ip netns exec "$ns_b" "$PARLEY_DISCOVER" --wait 1500)
echo "found: $found"
expected="{\"address\":\"$subnet.1\",\"fingerprint\":null,\"name\":\"Netns chat\",\"port\":$port,\"tls\":false,\"url\":\"ws://$subnet.1:$port/\"}"
[ "$found" = "[$expected]" ] || fail "expected [$expected]"

# The address it was found at is where the chat is.
info=$(ip netns exec "$ns_b" "$PARLEY_WSPROBE" "ws://$subnet.1:$port/") ||
  fail "no server.info from ws://$subnet.1:$port/"
echo "server.info: $info"
grep -q '"name":"Netns chat"' <<<"$info" || fail "server.info names another server"

# Off means no answer.
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
PARLEY_CONFIG='' ip netns exec "$ns_a" "$PARLEY_SERVER_BUILD" --bind 0.0.0.0 --port "$port" \
  --name "Netns chat" --data-dir "$work/data" --discovery off 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 100); do
  grep -q "listening on" "$work/server.log" && break
  sleep 0.1
done
grep -q "listening on" "$work/server.log" || fail "parley-server --discovery off did not start"
found=$(ip netns exec "$ns_b" "$PARLEY_DISCOVER" --wait 1000)
[ "$found" = "[]" ] || fail "with --discovery off, found: $found"

echo "PASS: found \"Netns chat\" across namespaces; nothing with --discovery off"
