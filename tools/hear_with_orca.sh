#!/usr/bin/env bash
# Hear relaxapp as a screen-reader user does: the app and the Orca screen reader on a private virtual screen
# and D-Bus session; prints every sentence Orca would have spoken (from its debug log), in order.
#
#   tools/hear_with_orca.sh [KEY...]     e.g. tools/hear_with_orca.sh Tab Tab Tab space
#
# Keys are xdotool names, sent one by one after the window appears. Needs (Debian):
#   apt-get install xvfb xauth xdotool dbus at-spi2-core orca
# A throwaway data folder is used (the first-run notice already read), so nothing of yours is touched.
set -euo pipefail

if [[ ${1:-} != --inside ]]; then
  for tool in xvfb-run dbus-run-session orca xdotool; do
    command -v "$tool" >/dev/null || { echo "hear_with_orca: $tool is missing (see the comment at the top)" >&2; exit 2; }
  done
  exec xvfb-run -a -s "-screen 0 1280x900x24" dbus-run-session -- "$0" --inside "$@"
fi
shift

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/data/config"
printf '[notice]\nacknowledged=true\n' >"$work/data/config/settings.ini"

orca --replace --debug-file="$work/orca.log" >/dev/null 2>&1 &
sleep 4  # Orca registers its listeners before the app appears, as on a desktop where it already runs
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_QPA_PLATFORM=xcb SDL_AUDIODRIVER=dummy \
  "$root/.venv/bin/python" "$root/main.py" --data-dir "$work/data" >/dev/null 2>&1 &
for _ in $(seq 50); do
  window=$(xdotool search --name '^relaxapp$' 2>/dev/null | head -1 || true)
  [[ -n $window ]] && break
  sleep 0.2
done
[[ -n ${window:-} ]] || { echo "hear_with_orca: the window never appeared" >&2; exit 1; }
sleep 2
xdotool windowfocus "$window"
sleep 1
for key in "$@"; do
  xdotool key "$key"
  sleep 0.8
done
sleep 2
sed -n "s/.* - SPEECH OUTPUT: '\(.*\)'{.*/\1/p" "$work/orca.log"
