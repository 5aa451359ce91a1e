// Driving VS Code (code-server) in headless Chromium like a user: keys, clicks, what is on screen.
// Every wait is bounded; a timeout says what was awaited and what was seen instead.

import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

function env(name) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set: run these specs through tests/e2e/vscode/run.sh`);
  }
  return value;
}

export const WORKSPACE = () => env('COPYDESK_E2E_WORKSPACE');

/** The throwaway profile (user settings in `User/settings.json`, logs in `logs/`). */
export const USER_DATA = () => env('COPYDESK_E2E_USER_DATA');

/** How long the server may take to publish or update diagnostics. */
export const DIAGNOSTICS_TIMEOUT_MS = 30_000;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value; on timeout throws with the last thing seen. */
export async function until(what, probe, { timeout = 20_000, interval = 250 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) {
        return last;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last seen: ${seen}`);
    }
    await sleep(interval);
  }
}

/** Starts Chromium and opens the workbench on the workspace folder. */
export async function openWorkbench() {
  const browser = await chromium.launch({
    executablePath: env('COPYDESK_E2E_CHROMIUM'),
    headless: true,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(env('COPYDESK_E2E_URL'), { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer shows the workspace once the remote file system answers.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return { browser, page };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Closes every editor (Ctrl+K Ctrl+W), so that the Problems panel shows only the next file. */
export async function closeAllEditors(page) {
  await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 }, force: true }).catch(() => {});
  await runCommand(page, 'View: Close All Editors');
  // An article left modified by a failed spec: do not save it.
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Don.t Save/ });
  if (await dontSave.isVisible({ timeout: 1000 }).catch(() => false)) {
    await dontSave.click();
  }
  await until('no editor open', async () => (await page.locator('.tabs-container .tab').count()) === 0);
}

/** Runs a command from the command palette (F1), by its title. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * Opens a file of the workspace with Quick Open (Ctrl+P), e.g. `quickfix/x.fr.txt`. A dialog
 * or a half-closed widget left by a previous step can swallow an attempt, and a loaded machine
 * can be slow to show the tab: dismiss whatever is open and try again, three times in all.
 */
export async function openFile(page, relativePath) {
  for (let attempt = 1; ; attempt++) {
    try {
      await openFileOnce(page, relativePath);
      return;
    } catch (err) {
      if (attempt === 3) {
        throw err;
      }
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    }
  }
}

async function openFileOnce(page, relativePath) {
  const name = relativePath.split('/').pop() ?? relativePath;
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: name })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  await input.press('Enter');
  await page
    .locator('.tabs-container .tab.active', { hasText: name })
    .waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').waitFor({ state: 'visible' });
  await focusEditor(page);
}

export async function focusEditor(page) {
  await runCommand(page, 'View: Focus Active Editor Group');
}

/** Moves the cursor with Go to Line/Column (Ctrl+G), 1-based like the status bar. */
export async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await until(`the cursor at Ln ${line}, Col ${column}`, async () => {
    const at = await cursorPosition(page);
    return at && at.line === line && at.column === column;
  });
}

/** The cursor position shown in the status bar (`Ln 5, Col 12`). */
export async function cursorPosition(page) {
  const text = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText();
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  return m ? { line: Number(m[1]), column: Number(m[2]), text: m[0] } : undefined;
}

/** Shows the Problems panel (Ctrl+Shift+M toggles it: press only when it is not visible). */
export async function showProblems(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await page.keyboard.press('Control+Shift+M');
  }
  await panel.waitFor({ state: 'visible' });
}

/**
 * The markers the Problems panel lists for one file of the workspace (`x.fr.txt`, `dir/x.fr.txt`):
 * `{ text, code, line, column }` each. copydesk reports on every article of the workspace, so the
 * panel's filter box is set to that file first, as a user would; the rows are then read under
 * that file's heading ("N problems in file x.fr.txt of folder quickfix"). A marker row holds the
 * message, `copydesk`, the code and `[Ln X, Col Y]`.
 */
export async function problems(page, relativePath) {
  await showProblems(page);
  const filter = page.locator('.markers-panel-container .viewpane-filter input, .panel .viewpane-filter input').first();
  const glob = `**/${relativePath}`;
  if ((await filter.inputValue()) !== glob) {
    await filter.fill(glob);
    await sleep(500); // the filter applies after a short debounce
  }
  const parts = relativePath.split('/');
  const name = parts.pop();
  const folder = parts.pop();
  const rows = await page
    .locator('.markers-panel .monaco-list-row')
    .evaluateAll((els) => els.map((e) => ({ aria: e.getAttribute('aria-label') ?? '', text: e.innerText })));
  const markers = [];
  let inFile = false;
  for (const row of rows) {
    const text = row.text.replace(/\s+/g, ' ').trim();
    const at = /\[Ln (\d+), Col (\d+)\]/.exec(text);
    if (!at) {
      const heading = / problems? in file (.+?)(?: of folder (.+))?$/.exec(row.aria);
      inFile = heading !== null && heading[1] === name && (folder === undefined || heading[2] === folder);
      continue;
    }
    // Related-information rows ("spelled « Prigojine » here") also carry [Ln, Col]; markers
    // are the rows whose label starts with their severity.
    if (!inFile || !/^(Error|Warning|Info|Hint)\b/.test(row.aria)) {
      continue;
    }
    const code = /copydesk\(?\s*([a-z]+(?:-[a-z]+)+)\)?/.exec(text);
    markers.push({ text, code: code ? code[1] : undefined, line: Number(at[1]), column: Number(at[2]) });
  }
  return markers;
}

/** Waits until the Problems panel satisfies `predicate(markers)` for one file; returns the markers. */
export async function waitForProblems(page, relativePath, what, predicate, timeout = DIAGNOSTICS_TIMEOUT_MS) {
  let markers = [];
  try {
    await until(
      `${what} in ${relativePath}`,
      async () => {
        markers = await problems(page, relativePath);
        return predicate(markers);
      },
      { timeout },
    );
  } catch (error) {
    throw new Error(`${error.message}\nProblems panel for ${relativePath}: ${JSON.stringify(markers, null, 1)}`);
  }
  return markers;
}

/** The text of every visible hover widget. */
export async function hoverText(page) {
  const hovers = await page.locator('.monaco-hover:visible').allInnerTexts();
  return hovers.join('\n');
}

/**
 * Chooses the entry of the open Ctrl+. menu whose label matches `title`, with the arrow keys and
 * Enter, as a user does (the menu blocks pointer events until the mouse moves). Returns the label.
 */
export async function chooseFromActionMenu(page, title) {
  const menu = page.locator('.action-widget');
  await menu.waitFor({ state: 'visible' });
  const rows = menu.locator('.monaco-list-row.action');
  await rows.first().waitFor({ state: 'visible' });
  const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
  const index = labels.findIndex((label) => title.test(label));
  if (index < 0) {
    throw new Error(`no entry matching ${title} in the Ctrl+. menu: ${JSON.stringify(labels)}`);
  }
  for (let i = 0; i < labels.length + 1; i++) {
    const focused = await menu.locator('.monaco-list-row.action.focused').getAttribute('aria-label');
    if (focused !== null && title.test(focused)) {
      await page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden' });
      return focused;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not move the focus to ${title} in the Ctrl+. menu: ${JSON.stringify(labels)}`);
}

/**
 * Sets a setting in the Settings editor (Preferences: Open User Settings): search for its key,
 * pick the value in its drop-down or type it in its text box. Closes the Settings editor afterwards.
 * `tab`: `User` (the default) or `Remote`, where VS Code puts machine-scoped settings when the
 * window is connected to a server, as code-server's is.
 */
export async function setSetting(page, key, value, { tab = 'User' } = {}) {
  await runCommand(page, 'Preferences: Open User Settings');
  const editor = page.locator('.settings-editor');
  await editor.waitFor({ state: 'visible' });
  if (tab !== 'User') {
    await editor.locator('.settings-tabs-widget .action-label', { hasText: new RegExp(`^${tab}`) }).click();
  }
  const search = editor.locator('.settings-header .suggest-input-container textarea, .settings-header textarea').first();
  await search.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(key);
  const control = editor.locator(`select[aria-label="${key}"], input[aria-label="${key}"]`).first();
  await control.waitFor({ state: 'attached', timeout: 20_000 });
  if ((await control.evaluate((e) => e.tagName)) === 'SELECT') {
    await control.selectOption(value);
  } else {
    await control.fill(value);
    await control.press('Enter');
  }
  await until(`${key} set to ${JSON.stringify(value)}`, async () => (await control.inputValue()) === value);
  await sleep(500); // text settings are written after a short debounce
  await runCommand(page, 'View: Close Editor');
}

/** Saves the active editor (Ctrl+S) and returns the file's text on disk. */
export async function saveAndRead(page, relativePath) {
  const file = join(WORKSPACE(), relativePath);
  const before = readFileSync(file, 'utf8');
  await page.keyboard.press('Control+S');
  // A dirty tab has the class `dirty`; saving clears it.
  await until('the editor saved', async () => (await page.locator('.tabs-container .tab.active.dirty').count()) === 0);
  return until('the file on disk changed', () => {
    const now = readFileSync(file, 'utf8');
    return now !== before ? now : undefined;
  });
}

/**
 * Saves a screenshot into the run's artifacts, and into docs/screenshots when the run was asked
 * to update them (--update-screenshots).
 */
export async function screenshot(page, name) {
  const dir = env('COPYDESK_E2E_SCREENSHOTS');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.COPYDESK_UPDATE_SCREENSHOTS === '1') {
    const docs = env('COPYDESK_E2E_DOCS_SCREENSHOTS');
    mkdirSync(docs, { recursive: true });
    copyFileSync(file, join(docs, `${name}.png`));
  }
  return file;
}

/** The text of the extension's "copydesk" output channel, as VS Code logs it on disk. */
export function copydeskLog() {
  const logs = join(USER_DATA(), 'logs');
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else if (/copydesk\.log$/.test(entry.name)) {
        found.push(path);
      }
    }
  };
  walk(logs);
  return found.map((f) => readFileSync(f, 'utf8')).join('\n');
}
