#!/usr/bin/env bash
# End-to-end tests of the copydesk VS Code extension in a real VS Code: code-server (VS Code 1.100
# served to a browser, from npm), driven like a user by Playwright in Debian's headless Chromium.
#
#   tests/e2e/vscode/run.sh [--update-screenshots] [node --test options, e.g. --test-name-pattern=hover]
#
# Steps: install the system packages it needs (apt-get, only when missing); install code-server and
# playwright-core into tests/e2e/vscode/node_modules (npm ci, pinned by package-lock.json); build
# the server (cargo build --release) and the extension's .vsix with that server bundled; install
# it into a throwaway profile; start code-server on a free loopback port; run the specs with node's
# test runner; always stop code-server and the test processes at the end.
#
# Anything that cannot be installed or started fails the run: nothing is skipped.
#
# Environment:
#   COPYDESK_E2E_KEEP=1            keep the throwaway profile, workspace and logs (printed at the end)
#   COPYDESK_E2E_SKIP_BUILD=1      reuse editors/vscode/copydesk.vsix as it is (no cargo, no packaging)
#   COPYDESK_UPDATE_SCREENSHOTS=1  same as --update-screenshots: write docs/screenshots/*.png
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
EXT_DIR="$REPO/editors/vscode"
FIXTURES="$REPO/tests/e2e/fixtures"
CODE_SERVER="$HERE/node_modules/.bin/code-server"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

SYSTEM_PACKAGES=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium
  curl g++ make python3)

TEST_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --update-screenshots) export COPYDESK_UPDATE_SCREENSHOTS=1 ;;
    *) TEST_ARGS+=("$arg") ;;
  esac
done

log() { printf '\n== %s\n' "$*"; }
die() {
  printf 'tests/e2e/vscode/run.sh: %s\n' "$*" >&2
  exit 1
}

# --- cleanup: always stop what we started ------------------------------------------------------

WORK=""
SERVER_PID=""
TESTS_PID=""

stop_group() { # pid: the leader of a process group started with setsid
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || { kill -TERM -- "-$pid" 2>/dev/null || true; return 0; }
  kill -TERM -- "-$pid" 2>/dev/null || true
  for i in $(seq 1 50); do # 5 s
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_group "$TESTS_PID"
  stop_group "$SERVER_PID"
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    if [ "$status" != 0 ]; then
      echo "---- code-server log (last 40 lines) ----"
      tail -n 40 "$WORK/code-server.log" 2>/dev/null || true
      echo "---- copydesk output channel ----"
      find "$WORK/user-data/logs" -name '*copydesk*' -type f -exec tail -n 60 {} + 2>/dev/null || true
    fi
    if [ "${COPYDESK_E2E_KEEP:-}" = 1 ]; then
      echo "kept: $WORK"
    else
      rm -rf "$WORK"
    fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. system packages ------------------------------------------------------------------------

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  SUDO=()
  [ "$(id -u)" = 0 ] || SUDO=(sudo -n)
  timeout 900 "${SUDO[@]}" apt-get update -qq || die "apt-get update failed"
  timeout 1800 "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" || die "apt-get install ${missing[*]} failed"
fi
[ -x "$CHROMIUM" ] || die "no Chromium at $CHROMIUM"
command -v rg >/dev/null || die "ripgrep (rg) is missing"

node_major=$(node -p 'process.versions.node.split(".")[0]') || die "node is missing"
[ "$node_major" = 20 ] || die "code-server 4.100 needs Node.js 20; this is $(node --version)"

# --- 2. code-server and playwright-core --------------------------------------------------------

# @vscode/ripgrep (a code-server dependency) downloads ripgrep from the internet in its
# postinstall unless it finds this archive in its cache: give it Debian's rg.
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
RG_ARCHIVE="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$RG_ARCHIVE" ]; then
  log "seeding the ripgrep cache with $(command -v rg)"
  mkdir -p "$RG_CACHE"
  tmp=$(mktemp -d)
  cp "$(command -v rg)" "$tmp/rg"
  tar -C "$tmp" -czf "$RG_ARCHIVE.partial" rg
  mv "$RG_ARCHIVE.partial" "$RG_ARCHIVE"
  rm -rf "$tmp"
fi

STAMP="$HERE/node_modules/.copydesk-installed"
lock_sum=$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$lock_sum" ] || [ ! -x "$CODE_SERVER" ]; then
  log "npm ci: code-server and playwright-core (a few minutes: native modules are built)"
  # npm_config_yes: node-pty's postinstall runs `npx node-gyp`. unsafe_perm: code-server's
  # postinstall refuses to run as root without it. dangerously_allow_all_scripts: npm 11 runs no
  # dependency install scripts by default, and code-server's postinstall runs nested `npm install`s
  # (VS Code's own pinned node_modules) whose native modules must build; every version is pinned
  # by package-lock.json and code-server's npm-shrinkwrap.json.
  (cd "$HERE" && npm_config_yes=true npm_config_unsafe_perm=true npm_config_dangerously_allow_all_scripts=true \
    timeout 2400 npm ci --no-audit --no-fund) || die "npm ci (code-server, playwright-core) failed"
  echo "$lock_sum" >"$STAMP"
fi
timeout 120 "$CODE_SERVER" --version >/dev/null || die "code-server does not start: $CODE_SERVER --version failed"
[ -x "$HERE/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] ||
  die "code-server was installed without its ripgrep (see the cache seeding above)"

# --- 3. the server and the extension -----------------------------------------------------------

VSIX="$EXT_DIR/copydesk.vsix"
if [ "${COPYDESK_E2E_SKIP_BUILD:-}" != 1 ]; then
  log "cargo build --release"
  (cd "$REPO" && timeout 2400 cargo build --release --bin copydesk) || die "cargo build --release failed"
  if [ ! -d "$EXT_DIR/node_modules" ] || [ "$EXT_DIR/package-lock.json" -nt "$EXT_DIR/node_modules/.package-lock.json" ]; then
    log "npm ci in editors/vscode"
    (cd "$EXT_DIR" && timeout 1200 npm ci --no-audit --no-fund) || die "npm ci in editors/vscode failed"
  fi
  log "npm run package (the .vsix, with the server just built)"
  rm -f "$VSIX"
  (cd "$EXT_DIR" && timeout 600 npm run package) || die "packaging the extension failed"
fi
[ -f "$VSIX" ] || die "no $VSIX"

# --- 4. a throwaway profile and workspace ------------------------------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-vscode-e2e.XXXXXX")
USER_DATA="$WORK/user-data"
EXTENSIONS="$WORK/extensions"
WORKSPACE="$WORK/articles"
mkdir -p "$USER_DATA/User" "$EXTENSIONS" "$WORKSPACE"

log "installing $(basename "$VSIX") into a throwaway profile"
timeout 300 "$CODE_SERVER" --user-data-dir "$USER_DATA" --extensions-dir "$EXTENSIONS" \
  --install-extension "$VSIX" || die "code-server --install-extension failed"
ls "$EXTENSIONS" | grep -q '^copydesk\.copydesk-' || die "the extension is not in $EXTENSIONS after install"

cat >"$USER_DATA/User/settings.json" <<'JSON'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.editor.enablePreview": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "extensions.ignoreRecommendations": true,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "git.enabled": false,
  "chat.commandCenter.enabled": false,
  "window.commandCenter": false,
  "editor.minimap.enabled": false,
  "editor.wordWrap": "on",
  "editor.fontSize": 15,
  "editor.quickSuggestions": { "other": "off", "comments": "off", "strings": "off" },
  "editor.wordBasedSuggestions": "off",
  "editor.suggestOnTriggerCharacters": false,
  "editor.unicodeHighlight.ambiguousCharacters": false,
  "editor.unicodeHighlight.invisibleCharacters": false,
  "editor.unicodeHighlight.nonBasicASCII": false,
  "editor.hover.delay": 300,
  "editor.lightbulb.enabled": "off",
  "files.autoSave": "off",
  "files.trimTrailingWhitespace": false,
  "files.insertFinalNewline": false,
  "markdown.validate.enabled": false,
  "problems.showCurrentInStatus": false
}
JSON

# The articles, once each: copydesk indexes the whole folder, so copies would be the same people
# mentioned in several articles. A spec that changes an article on disk puts it back.
cp "$FIXTURES"/*.txt "$FIXTURES"/*.md "$WORKSPACE/"

# --- 5. code-server on a free loopback port ----------------------------------------------------

PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
log "starting code-server on 127.0.0.1:$PORT"
setsid "$CODE_SERVER" --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$USER_DATA" --extensions-dir "$EXTENSIONS" "$WORKSPACE" \
  >"$WORK/code-server.log" 2>&1 </dev/null &
SERVER_PID=$!

ready=""
for _ in $(seq 1 120); do # 60 s
  kill -0 "$SERVER_PID" 2>/dev/null || die "code-server exited at start (see its log above)"
  if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/healthz"; then
    ready=1
    break
  fi
  sleep 0.5
done
[ -n "$ready" ] || die "code-server did not answer on 127.0.0.1:$PORT within 60 s"

# --- 6. the specs ------------------------------------------------------------------------------

SCREENSHOTS="$HERE/.artifacts/screenshots"
mkdir -p "$SCREENSHOTS"
export COPYDESK_E2E_URL="http://127.0.0.1:$PORT/?folder=$WORKSPACE"
export COPYDESK_E2E_WORKSPACE="$WORKSPACE"
export COPYDESK_E2E_FIXTURES="$FIXTURES"
export COPYDESK_E2E_SCREENSHOTS="$SCREENSHOTS"
export COPYDESK_E2E_DOCS_SCREENSHOTS="$REPO/docs/screenshots"
export COPYDESK_E2E_CHROMIUM="$CHROMIUM"
export COPYDESK_E2E_USER_DATA="$USER_DATA"

log "running the specs (screenshots in $SCREENSHOTS)"
set +e
(cd "$HERE" && exec setsid timeout --kill-after=10 1200 node --test --test-concurrency=1 \
  --test-timeout=300000 ${TEST_ARGS[@]+"${TEST_ARGS[@]}"} specs/) &
TESTS_PID=$!
wait "$TESTS_PID"
status=$?
TESTS_PID=""
set -e
[ "$status" = 0 ] || die "the VS Code end-to-end specs failed (exit $status)"
