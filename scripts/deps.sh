#!/bin/sh
# deps.sh — install what `make run` / `make test` need and the machine lacks.
# Debian packages via apt-get (only the missing ones), npm packages via `npm ci`
# from the committed lock file.  Idempotent and quiet when nothing is missing.
# `postgresql` brings the server binaries tests/pg/run.sh starts a throwaway
# cluster with (Debian's package also sets up and starts its own cluster
# "15/main" on port 5432; the tests do not use it).
set -eu
cd "$(dirname "$0")/.."

PKGS="build-essential pkg-config clang libclang-rt-14-dev
libmicrohttpd-dev libsqlite3-dev sqlite3 libsodium-dev libjansson-dev libssl-dev
libcmocka-dev libcurl4-openssl-dev libpq-dev postgresql libzip-dev libexpat1-dev libxlsxwriter-dev chromium wrk nginx-light"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# npm packages: reinstall when the lock file changed since the last install.
stamp=node_modules/.openbav-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
	echo "deps: npm ci"
	npm ci --no-audit --no-fund --loglevel=error >/dev/null
	cp package-lock.json "$stamp"
fi
