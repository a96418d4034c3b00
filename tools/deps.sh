#!/bin/sh
# deps.sh - make sure the Debian packages sluice builds and tests with are installed.
# Root installs them; anyone else is told the exact command. SPDX-License-Identifier: MIT
# Usage: tools/deps.sh [extra-package ...]
set -eu
# git and time: the hostile-input suite builds repositories with `git fast-import` and measures peak
# memory with /usr/bin/time. `make valgrind` asks for valgrind as an extra package.
pkgs="build-essential pkg-config libyaml-dev libjansson-dev libgit2-dev libcmocka-dev libtree-sitter-dev libre2-dev git time $*"
missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
	echo "deps: missing packages; run as root:" >&2
	echo "  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
