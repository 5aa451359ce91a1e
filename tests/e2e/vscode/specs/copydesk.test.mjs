// copydesk in a real VS Code (code-server), driven through the browser like a user.
// Run through tests/e2e/vscode/run.sh, which installs everything and starts code-server.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { english, french, unbalanced } from './lib/articles.mjs';
import {
  WORKSPACE,
  copydeskLog,
  chooseFromActionMenu,
  closeAllEditors,
  cursorPosition,
  goTo,
  hoverText,
  openFile,
  openWorkbench,
  runCommand,
  saveAndRead,
  screenshot,
  setSetting,
  until,
  waitForProblems,
} from './lib/workbench.mjs';

let browser;
let page;

before(async () => {
  ({ browser, page } = await openWorkbench());
});

after(async () => {
  await browser?.close();
});

const has = (markers, code, line, column) =>
  markers.some((m) => m.code === code && m.line === line && (column === undefined || m.column === column));

test('the extension starts copydesk: an unclosed « is listed as unbalanced-quote on its line', async () => {
  const article = unbalanced();
  const file = article.file;
  await closeAllEditors(page);
  await openFile(page, file);
  const markers = await waitForProblems(
    page,
    file,
    `unbalanced-quote on line ${article.open.line}`,
    (ms) => has(ms, 'unbalanced-quote', article.open.line),
  );
  assert.ok(markers.every((m) => m.code !== undefined), `every marker comes from copydesk: ${JSON.stringify(markers)}`);
  await screenshot(page, 'vscode-unbalanced-quote');
});

for (const load of [french, english]) {
  const article = load();
  /** Opens the article (alone); returns its path in the workspace. */
  const open = async () => {
    const file = article.file;
    await closeAllEditors(page);
    await openFile(page, file);
    return file;
  };

  describe(`${article.lang}: ${article.file}`, () => {
    test('the Problems panel lists unattributed-quote and name-variant on the right lines', async () => {
      const file = await open();
      const { unattributed, variant } = article;
      const markers = await waitForProblems(
        page,
        file,
        `unattributed-quote on line ${unattributed.line} and name-variant at ${variant.line}:${variant.column}`,
        (ms) => has(ms, 'unattributed-quote', unattributed.line) && has(ms, 'name-variant', variant.line, variant.column),
      );
      // The picture for the README: the quote's squiggle, its hover, the Problems panel.
      await goTo(page, unattributed.line, 3);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page.locator('.monaco-hover:visible', { hasText: 'copydesk' }).first().waitFor({ state: 'visible' });
      await screenshot(page, `vscode-diagnostics-${article.lang}`);
      await page.keyboard.press('Escape');
      // Only one quote has no speaker.
      assert.deepEqual(
        markers.filter((m) => m.code === 'unattributed-quote').map((m) => m.line),
        [unattributed.line],
        JSON.stringify(markers),
      );
    });

    test('the name-variant quick fix chosen from the Ctrl+. menu rewrites the mention', async () => {
      const file = await open();
      const { variant } = article;
      await waitForProblems(page, file, `name-variant at ${variant.line}:${variant.column}`, (ms) =>
        has(ms, 'name-variant', variant.line, variant.column),
      );
      try {
        await goTo(page, variant.line, variant.column + 2);
        await page.keyboard.press('Control+.');
        await page.locator('.action-widget .monaco-list-row.action').first().waitFor({ state: 'visible' });
        await screenshot(page, `vscode-quickfix-${article.lang}`);
        await chooseFromActionMenu(page, article.fixTitle);
        const saved = await saveAndRead(page, file);
        assert.equal(saved, article.fixedText(article.text));
        // One spelling left in the article: its name-variant finding goes away.
        await waitForProblems(page, file, 'no name-variant left', (ms) => !ms.some((m) => m.code === 'name-variant'));
      } finally {
        // The next specs want the article as written.
        writeFileSync(join(WORKSPACE(), file), article.text);
      }
    });

    test('hovering a person shows copydesk’s hover: full name and other spellings', async () => {
      await open();
      const { surname } = article;
      await goTo(page, surname.line, surname.column);
      // Show Hover, the keyboard way: Ctrl+K Ctrl+I.
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      let seen = '';
      await until(`a hover showing ${article.hoverMust.join(' and ')}`, async () => {
        seen = await hoverText(page);
        if (article.hoverMust.every((s) => seen.includes(s))) {
          return true;
        }
        throw new Error(`hover: ${JSON.stringify(seen)}`);
      });
      await screenshot(page, `vscode-hover-${article.lang}`);
      await page.keyboard.press('Escape');
    });

    test('F12 on a surname moves the cursor to the full-name mention', async () => {
      const file = await open();
      const { surname, definition } = article;
      // Wait for the analysis: definitions come from it.
      await waitForProblems(page, file, 'the article analysed', (ms) => ms.length > 0);
      await goTo(page, surname.line, surname.column);
      await page.keyboard.press('F12');
      await until(`the status bar at Ln ${definition.line}, Col ${definition.column}`, async () => {
        const at = await cursorPosition(page);
        if (at && at.line === definition.line && at.column === definition.column) {
          return true;
        }
        throw new Error(`status bar: ${at?.text}`);
      });
    });

    test('typing an attribution after the unattributed quote makes its warning go away', async () => {
      const file = await open();
      const { unattributed } = article;
      await waitForProblems(page, file, `unattributed-quote on line ${unattributed.line}`, (ms) =>
        has(ms, 'unattributed-quote', unattributed.line),
      );
      try {
        await goTo(page, unattributed.line, 1);
        await page.keyboard.type(article.attribution, { delay: 20 });
        await waitForProblems(page, file, `no unattributed-quote on line ${unattributed.line}`, (ms) =>
          !has(ms, 'unattributed-quote', unattributed.line),
        );
      } finally {
        await runCommand(page, 'File: Revert File');
      }
    });
  });
}

test('"copydesk: Restart server" starts a new server, which reports again', async () => {
  const article = french();
  await closeAllEditors(page);
  await openFile(page, article.file);
  const starts = () => (copydeskLog().match(/^Starting .*copydesk lsp/gm) ?? []).length;
  const before = starts();
  assert.ok(before >= 1, `the extension logged no server start:\n${copydeskLog()}`);
  await runCommand(page, 'copydesk: Restart server');
  await until('a second server start in the copydesk log', async () => starts() > before, { timeout: 30_000 });
  await waitForProblems(page, article.file, 'findings from the new server', (ms) =>
    has(ms, 'unattributed-quote', article.unattributed.line),
  );
});

test('a copydesk.server.path that points nowhere: an error that says how to install the server', async () => {
  const article = french();
  await closeAllEditors(page);
  await openFile(page, article.file);
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'copydesk.server.path' });
  try {
    // Changing the path restarts the server with the new one. The setting is machine-scoped: in a
    // window connected to a server (code-server) it lives in the Remote tab.
    await setSetting(page, 'copydesk.server.path', '/nonexistent/copydesk', { tab: 'Remote' });
    await toast.first().waitFor({ state: 'visible', timeout: 30_000 });
    const text = await toast.first().innerText();
    assert.match(text, /\/nonexistent\/copydesk/);
    assert.match(text, /cargo install --path \./);
    await screenshot(page, 'vscode-server-not-found');
  } finally {
    await setSetting(page, 'copydesk.server.path', '', { tab: 'Remote' });
  }
  // Back to the bundled server: findings again.
  await closeAllEditors(page);
  await openFile(page, article.file);
  await waitForProblems(page, article.file, 'findings from the bundled server', (ms) =>
    has(ms, 'unattributed-quote', article.unattributed.line),
  );
  assert.match(copydeskLog(), /Starting .*server\/copydesk lsp \(found: bundled\)[\s\S]*copydesk\.server\.path is set to[\s\S]*Starting .*server\/copydesk lsp \(found: bundled\)/);
});
