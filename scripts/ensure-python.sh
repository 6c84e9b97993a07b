#!/usr/bin/env bash
# Create the virtualenv with Python >= 3.12 (.python-version makes pyenv's shims pick 3.12).
set -euo pipefail
version="$1"; venv="$2"
[ -x "$venv/bin/python" ] && exit 0
for candidate in "python$version" python3; do
  if command -v "$candidate" >/dev/null 2>&1 \
     && "$candidate" -c "import sys; sys.exit(sys.version_info < (3, 12))" 2>/dev/null; then
    exec "$candidate" -m venv "$venv"
  fi
done
echo "Python $version or newer is needed (pyenv install $version, or apt-get install python$version)." >&2
exit 1
