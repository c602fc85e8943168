#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the desktop app and its tests need.
# Safe to run repeatedly: apt-get skips what is already installed.
set -euo pipefail

PKGS=(
  # Tauri v2 on Linux: WebKitGTK 4.1, GTK 3 and friends
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  librsvg2-dev libayatana-appindicator3-dev libxdo-dev libssl-dev
  build-essential pkg-config file
  # the real window under a virtual display, and screenshots of it
  xvfb xauth x11-apps imagemagick
  # WebDriver for WebKitGTK: tauri-driver drives the app through it (scripts/desktop-test.sh)
  webkit2gtk-driver
  # the sqlite3 shell the import benchmark compares against
  sqlite3
  # the real accounting tools the export tests run on our output (bean-check,
  # hledger check) and pdftotext for the reimbursement PDF's golden text
  hledger beancount poppler-utils
  # the UI's component tests: headless Chromium driven by playwright-core
  # (scripts/ui-test.sh), and CJK fonts so zh-CN screenshots show real glyphs
  chromium fonts-noto-cjk
  # provider sync: the keyring crate talks to the Secret Service over D-Bus
  # (libdbus); the keychain test runs GNOME Keyring in a private D-Bus session
  # (dbus-run-session) and checks entries with secret-tool; strace proves that
  # with sync off no command opens a socket
  libdbus-1-dev dbus dbus-x11 gnome-keyring libsecret-tools strace
  # the desktop notification test's stand-in notification server
  # (tests/desktop/notification_server.py) owns its D-Bus name through PyGObject
  python3-gi gir1.2-glib-2.0
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "system packages: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
