import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import {
  INSTALL_HINT,
  bundledPath,
  isExecutableFile,
  locateServer,
  repairBundledMode,
  searchPath,
  type LocateOptions,
  type Located,
} from '../src/serverPath';

/** The message of a failed search (and a failed assertion if the search succeeded). */
function messageOf(found: Located): string {
  if (found.ok) {
    assert.fail(`expected no server, found ${found.command}`);
  }
  return found.message;
}

/** Options on a fake file system holding exactly `files`. */
function fake(files: string[], overrides: Partial<LocateOptions> = {}): LocateOptions {
  const present = new Set(files);
  return {
    configuredPath: '',
    extensionPath: '/ext',
    workspaceFolder: '/work/articles',
    env: { PATH: '/usr/local/bin:/usr/bin' },
    platform: 'linux',
    homedir: '/home/ana',
    isExecutable: (file) => present.has(file),
    ...overrides,
  };
}

test('the setting wins over the bundled binary and the PATH', () => {
  const found = locateServer(
    fake(['/opt/copydesk/bin/copydesk', '/ext/server/copydesk', '/usr/bin/copydesk'], {
      configuredPath: '/opt/copydesk/bin/copydesk',
    }),
  );
  assert.deepEqual(found, { ok: true, command: '/opt/copydesk/bin/copydesk', source: 'setting' });
});

test('the setting expands ~ and resolves a relative path from the workspace folder', () => {
  assert.deepEqual(
    locateServer(fake(['/home/ana/.cargo/bin/copydesk'], { configuredPath: '~/.cargo/bin/copydesk' })),
    { ok: true, command: '/home/ana/.cargo/bin/copydesk', source: 'setting' },
  );
  assert.deepEqual(
    locateServer(fake(['/work/articles/tools/copydesk'], { configuredPath: ' tools/copydesk ' })),
    { ok: true, command: '/work/articles/tools/copydesk', source: 'setting' },
  );
});

test('a setting that points nowhere is an error, not a silent fallback', () => {
  const found = locateServer(
    fake(['/ext/server/copydesk', '/usr/bin/copydesk'], { configuredPath: '/nope/copydesk' }),
  );
  const message = messageOf(found);
  assert.ok(message.includes('copydesk.server.path'));
  assert.ok(message.includes('/nope/copydesk'));
  assert.ok(message.includes('cargo install --path .'));
});

test('without a setting, the bundled binary comes before the PATH', () => {
  assert.deepEqual(locateServer(fake(['/ext/server/copydesk', '/usr/bin/copydesk'])), {
    ok: true,
    command: '/ext/server/copydesk',
    source: 'bundled',
  });
  assert.deepEqual(locateServer(fake(['/ext/server/copydesk'], { configuredPath: undefined })), {
    ok: true,
    command: '/ext/server/copydesk',
    source: 'bundled',
  });
});

test('then the first copydesk on the PATH', () => {
  assert.deepEqual(locateServer(fake(['/usr/bin/copydesk', '/usr/local/bin/copydesk'])), {
    ok: true,
    command: '/usr/local/bin/copydesk',
    source: 'path',
  });
  assert.deepEqual(
    locateServer(fake(['/usr/bin/copydesk'], { env: { PATH: '::/usr/local/bin::/usr/bin:' } })),
    { ok: true, command: '/usr/bin/copydesk', source: 'path' },
  );
});

test('nothing found: the message says how to install the server', () => {
  for (const env of [{ PATH: '/usr/bin' }, {}, { PATH: '' }]) {
    const message = messageOf(locateServer(fake([], { env })));
    assert.ok(message.includes(INSTALL_HINT));
    assert.ok(message.includes('cargo install --path .'));
    assert.ok(message.includes('copydesk.server.path'));
  }
});

test('Windows: copydesk.exe, Path in any case, PATHEXT', () => {
  assert.equal(bundledPath('C:\\ext', 'win32'), 'C:\\ext\\server\\copydesk.exe');
  const windows = {
    platform: 'win32' as const,
    extensionPath: 'C:\\ext',
    homedir: 'C:\\Users\\ana',
    workspaceFolder: 'C:\\articles',
  };
  assert.deepEqual(
    locateServer(fake(['C:\\Users\\ana\\.cargo\\bin\\copydesk.exe'], { ...windows, env: { Path: 'C:\\Windows;C:\\Users\\ana\\.cargo\\bin' } })),
    { ok: true, command: 'C:\\Users\\ana\\.cargo\\bin\\copydesk.exe', source: 'path' },
  );
  assert.deepEqual(
    locateServer(fake(['C:\\ext\\server\\copydesk.exe'], { ...windows, env: {} })),
    { ok: true, command: 'C:\\ext\\server\\copydesk.exe', source: 'bundled' },
  );
  assert.equal(
    searchPath({ platform: 'win32', env: { PATH: 'C:\\bin', PATHEXT: '.COM;.EXE' }, isExecutable: (f) => f === 'C:\\bin\\copydesk.exe' }),
    'C:\\bin\\copydesk.exe',
  );
});

test('on a real file system: only executable files count, and a bundled binary gets its mode back', (t) => {
  if (process.platform === 'win32') {
    t.skip('file modes are a POSIX matter');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-ext-'));
  t.after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const ext = path.join(dir, 'ext');
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(path.join(ext, 'server'), { recursive: true });
  fs.mkdirSync(bin);
  const bundled = bundledPath(ext, process.platform);
  fs.writeFileSync(bundled, '#!/bin/sh\n', { mode: 0o644 });
  fs.writeFileSync(path.join(bin, 'copydesk'), '#!/bin/sh\n', { mode: 0o755 });
  fs.mkdirSync(path.join(dir, 'notafile'));

  const options: LocateOptions = {
    configuredPath: '',
    extensionPath: ext,
    env: { PATH: bin },
    platform: process.platform,
    homedir: dir,
    isExecutable: isExecutableFile,
  };
  // A bundled binary that lost its executable bit is skipped...
  assert.deepEqual(locateServer(options), { ok: true, command: path.join(bin, 'copydesk'), source: 'path' });
  // ...until the extension repairs it, as it does at start.
  assert.equal(repairBundledMode(bundled), true);
  assert.deepEqual(locateServer(options), { ok: true, command: bundled, source: 'bundled' });

  assert.equal(isExecutableFile(path.join(dir, 'notafile')), false);
  assert.equal(isExecutableFile(path.join(dir, 'missing')), false);
  assert.equal(repairBundledMode(path.join(dir, 'missing')), false);
});
