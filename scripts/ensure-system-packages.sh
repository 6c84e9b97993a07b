#!/usr/bin/env bash
# Install the Debian packages named as arguments when their command is missing.
set -euo pipefail
declare -A probe=([gettext]=msgfmt [redis-server]=redis-server [chromium]=chromium
                  [poppler-utils]=pdftoppm [postgresql]=pg_ctlcluster [mat2]=mat2)
missing=()
for package in "$@"; do
  command -v "${probe[$package]:-$package}" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing ${missing[*]}..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
