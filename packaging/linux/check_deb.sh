#!/usr/bin/env bash
# Check the .deb as Debian and a person would (CI runs this as root on a Debian/Ubuntu machine):
# lintian finds no error; apt installs it with its dependencies; `relaxapp --self-test` passes from the
# PATH; removing and purging it leaves none of its files behind and the person's own folders untouched.
#     packaging/linux/check_deb.sh dist/relaxapp_0.1.0_amd64.deb
set -euo pipefail
deb=$(realpath "$1")
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== lintian"
lintian --fail-on error "$deb" 2>&1 | { grep -v '^running with root' || true; }
desktop-file-validate "$here/io.github.relaxapp.desktop"
appstreamcli validate --no-net "$here/io.github.relaxapp.metainfo.xml"

# Someone who used relaxapp before: a history, a backup and settings that must outlive the package.
export HOME="$work/home"
mine=("$HOME/.local/share/relaxapp" "$HOME/.config/relaxapp")
mkdir -p "${mine[0]}/backups" "${mine[1]}"
printf 'a history of sessions\n' >"${mine[0]}/history.sqlite3"
printf 'a backup\n' >"${mine[0]}/backups/history-2026-12-01.sqlite3"
printf '[sound]\nmuted=true\n' >"${mine[1]}/settings.ini"
fingerprint() { find "${mine[@]}" -printf '%p %s %T@ %m\n' | sort; find "${mine[@]}" -type f -exec sha256sum {} + | sort; }
fingerprint >"$work/before"

echo "== install"
(cd "$(dirname "$deb")" && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$(basename "$deb")" >/dev/null)
[[ $(command -v relaxapp) == /usr/bin/relaxapp ]] || { echo "relaxapp is not on the PATH as /usr/bin/relaxapp" >&2; exit 1; }
for placed in /usr/share/applications/io.github.relaxapp.desktop /usr/share/metainfo/io.github.relaxapp.metainfo.xml \
  /usr/share/icons/hicolor/48x48/apps/relaxapp.png /usr/share/icons/hicolor/scalable/apps/relaxapp.svg; do
  [[ -f $placed ]] || { echo "not installed: $placed" >&2; exit 1; }
done
(cd "$work" && QT_QPA_PLATFORM=offscreen SDL_AUDIODRIVER=dummy relaxapp --self-test)
dpkg-query -L relaxapp >"$work/files"

echo "== remove and purge"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq relaxapp >/dev/null
# A local .deb: apt forgets it once removed; dpkg purges what may remain of its record.
if dpkg-query -W relaxapp >/dev/null 2>&1; then dpkg --purge relaxapp >/dev/null; fi
left=()
while read -r path; do
  # Folders that other packages share (/usr/share/icons/hicolor/...) stay; nothing of ours may.
  if [[ -L $path || (-e $path && ! -d $path) || $path == /opt/relaxapp* && -e $path ]]; then left+=("$path"); fi
done <"$work/files"
if ((${#left[@]})); then
  echo "left behind after purge: ${left[*]}" >&2
  exit 1
fi
fingerprint >"$work/after"
diff -u "$work/before" "$work/after" || { echo "the person's data or settings changed" >&2; exit 1; }
echo "deb: lintian clean, installed, self-tested from the PATH, removed without a trace; data untouched"
