#!/usr/bin/env bash
# Installs what Lockstep's tests and sandbox need on a fresh machine: Debian packages, then npm packages.
# Safe to run again: it only installs what is missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."

# libsecret-1-dev lets @forge/lint's keytar dependency build (only the offline lint needs it).
need=()
dpkg -s libsecret-1-dev >/dev/null 2>&1 || need+=(libsecret-1-dev)
# chromium runs the browser tests (playwright-core drives /usr/bin/chromium; no browser is downloaded).
dpkg -s chromium >/dev/null 2>&1 || need+=(chromium)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages first: ${need[*]}" >&2
    exit 1
  fi
fi

# npm install (not npm ci): this registry lacks some other-platform optional packages that the lockfile
# therefore cannot list, which npm ci refuses; npm install still installs exactly the locked versions.
marker=node_modules/.package-lock.json
if [ ! -f "$marker" ] || [ package-lock.json -nt "$marker" ] || [ package.json -nt "$marker" ] || [ ! -d node_modules/@forge/lint ]; then
  echo "setup: installing npm packages"
  npm install --no-audit --no-fund --loglevel=error
fi
