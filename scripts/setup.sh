# Sourced by scripts/run and scripts/test: makes this machine ready, doing only what is missing.
# - system libraries Qt needs (installed with apt-get when running as root on Debian/Ubuntu)
# - a virtual environment in .venv with relaxapp and its development tools, refreshed when
#   pyproject.toml changes
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${RELAXAPP_VENV:-$ROOT/.venv}"

# shared library → the Debian package that provides it
QT_SYSTEM_LIBS=(
  "libEGL.so.1:libegl1" "libGL.so.1:libgl1" "libfontconfig.so.1:libfontconfig1"
  "libxkbcommon.so.0:libxkbcommon0" "libxkbcommon-x11.so.0:libxkbcommon-x11-0" "libdbus-1.so.3:libdbus-1-3"
  "libxcb-cursor.so.0:libxcb-cursor0" "libxcb-icccm.so.4:libxcb-icccm4" "libxcb-image.so.0:libxcb-image0"
  "libxcb-keysyms.so.1:libxcb-keysyms1" "libxcb-randr.so.0:libxcb-randr0"
  "libxcb-render-util.so.0:libxcb-render-util0" "libxcb-shape.so.0:libxcb-shape0"
  "libxcb-xinerama.so.0:libxcb-xinerama0" "libxcb-xkb.so.1:libxcb-xkb1" "libglib-2.0.so.0:libglib2.0-0"
)

ensure_system_libs() {
  local missing=() entry known
  # Read each listing once: `ldconfig -p | grep -q` would die of SIGPIPE under pipefail and miscount.
  known=$(ldconfig -p 2>/dev/null || true)
  for entry in "${QT_SYSTEM_LIBS[@]}"; do
    grep -qF "${entry%%:*}" <<<"$known" || missing+=("${entry##*:}")
  done
  [[ -n $(fc-list 2>/dev/null || true) ]] || missing+=(fonts-dejavu-core fontconfig)
  ((${#missing[@]})) || return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing system libraries for Qt: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "relaxapp needs these system packages (Debian names): ${missing[*]}" >&2
    echo "Install them with your package manager, then run this again." >&2
    exit 1
  fi
}

ensure_venv() {
  local python=${PYTHON:-python3}
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "relaxapp needs Python 3.11 or newer (tried '$python'; set PYTHON=... to choose another)." >&2
    exit 1
  fi
  local stamp="$VENV/.relaxapp-installed" want
  want=$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then return 0; fi
  echo "Setting up the virtual environment in $VENV (first run only)..."
  [[ -x $VENV/bin/python ]] || "$python" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e "$ROOT[dev]"
  echo "$want" >"$stamp"
}

# An editable install leaves relaxapp's own modules uncompiled, and where PYTHONDONTWRITEBYTECODE is set
# Python never caches them: every launch would compile them again (a third of the start-up time).
compile_sources() {
  "$VENV/bin/python" -m compileall -q "$ROOT/relaxapp" >/dev/null
}

ensure_system_libs
ensure_venv
compile_sources
