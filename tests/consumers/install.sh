#!/usr/bin/env bash
# Installs the real consumers the tests feed agendum's outputs to, skipping
# whatever is installed already:
# - Python icalendar, vobject, khal, python-docx, vdirsyncer, the Radicale CalDAV server
#   and the aiosmtpd SMTP server (requirements.txt) in a virtual
#   environment, target/consumers/venv;
# - ical.js (package-lock.json) in tests/consumers/node_modules, by npm ci;
# - as root, Debian's chromium, poppler-utils (pdfinfo, pdftotext,
#   pdftoppm) and a font, when chromium or pdfinfo is missing, LibreOffice
#   Writer without its GUI (soffice, which prints the Word files to PDF),
#   when soffice is missing, and libical-dev and gcc, when libical's
#   headers or gcc are missing (and python3-venv or npm, when missing);
# - ical_check (ical_check.c, libical's parser and iTIP check), compiled
#   into target/consumers/ical_check.
# `cargo test` runs it the first time a test needs a consumer (see
# tests/support/consumers.rs); it can be run by hand too. Every step is tried;
# the exit code is 1 if one failed.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dest="${AGENDUM_CONSUMERS:-$root/target/consumers}"
venv="$dest/venv"
mkdir -p "$dest"

# Two test runs at once install one after the other.
if command -v flock >/dev/null; then
  exec 9>"$dest/.lock"
  flock 9
fi

failed=0
fail() {
  echo "install.sh: $*" >&2
  failed=1
}

sum() { sha256sum "$1" | cut -d' ' -f1; }

updated=false
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    fail "not root: cannot run apt-get install $*"
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! $updated; then
    apt-get update -qq || { fail "apt-get update failed"; return 1; }
    updated=true
  fi
  echo "install.sh: apt-get install $*"
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
    { fail "apt-get install $* failed"; return 1; }
}

# Debian's packages: the browser, pdfinfo, a font for the pages.
if ! command -v chromium >/dev/null || ! command -v pdfinfo >/dev/null; then
  apt_install chromium poppler-utils fonts-dejavu-core
fi

# LibreOffice, which converts the Word files to PDF for the page tests; the
# Liberation fonts stand in for Arial, as they do on a desktop.
if ! command -v soffice >/dev/null; then
  apt_install libreoffice-writer-nogui fonts-liberation
fi

# libical and a compiler for ical_check.
if [ ! -f /usr/include/libical/ical.h ] || ! command -v gcc >/dev/null; then
  apt_install libical-dev gcc libc6-dev
fi

# ical_check, compiled again whenever its source changes.
stamp="$dest/ical_check.sha256"
if [ ! -f /usr/include/libical/ical.h ] || ! command -v gcc >/dev/null; then
  fail "cannot compile ical_check without libical's headers and gcc"
elif [ "$(cat "$stamp" 2>/dev/null)" != "$(sum "$here/ical_check.c")" ] ||
  [ ! -x "$dest/ical_check" ]; then
  echo "install.sh: gcc tests/consumers/ical_check.c -o $dest/ical_check"
  rm -f "$dest/ical_check" "$stamp"
  if gcc -O2 -Wall -Wextra -Werror -o "$dest/ical_check" "$here/ical_check.c" -lical; then
    sum "$here/ical_check.c" >"$stamp"
  else
    fail "gcc tests/consumers/ical_check.c -lical failed"
  fi
fi

# The Python consumers, in their own virtual environment: made again when
# requirements.txt changed, or a pinned package is not there at its version
# (a quick look at the installed metadata, nothing is imported).
pinned() {
  "$venv/bin/python" - "$here/requirements.txt" 2>/dev/null <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version

for line in open(sys.argv[1]):
    name, _, want = line.split("#")[0].strip().partition("==")
    try:
        if name and version(name) != want:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PY
}
stamp="$venv/requirements.sha256"
if [ "$(cat "$stamp" 2>/dev/null)" != "$(sum "$here/requirements.txt")" ] || ! pinned; then
  rm -rf "$venv"
  command -v python3 >/dev/null || apt_install python3 python3-venv
  if ! python3 -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    apt_install python3-venv && python3 -m venv "$venv"
  fi
  if [ -x "$venv/bin/python" ]; then
    echo "install.sh: pip install -r tests/consumers/requirements.txt into $venv"
    if "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
      -r "$here/requirements.txt"; then
      sum "$here/requirements.txt" >"$stamp"
    else
      fail "pip install -r tests/consumers/requirements.txt failed"
    fi
  else
    fail "cannot create the virtual environment $venv (python3 -m venv)"
  fi
fi

# ical.js, as package-lock.json pins it.
stamp="$here/node_modules/.package-lock.sha256"
if [ "$(cat "$stamp" 2>/dev/null)" != "$(sum "$here/package-lock.json")" ]; then
  command -v npm >/dev/null || apt_install nodejs npm
  echo "install.sh: npm ci in tests/consumers"
  if (cd "$here" && npm ci --silent --no-audit --no-fund); then
    sum "$here/package-lock.json" >"$stamp"
  else
    fail "npm ci in tests/consumers failed"
  fi
fi

exit "$failed"
