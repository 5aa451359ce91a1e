import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
  DIAGNOSTIC_CODES,
  LANGUAGES,
  SEVERITIES,
  configurationItem,
  toServerSettings,
} from '../src/settings';

function reader(values: Record<string, unknown>): (key: string) => unknown {
  return (key) => values[key];
}

test('nothing set: language auto, no severity overrides (the server and copydesk.toml decide)', () => {
  const { settings, problems } = toServerSettings(reader({}));
  assert.deepEqual(settings, { language: 'auto', severity: {} });
  assert.deepEqual(problems, []);
});

test('language and severities are mapped to the object the server reads', () => {
  const { settings, problems } = toServerSettings(
    reader({
      language: 'fr',
      'severity.unattributed-quote': 'error',
      'severity.unnamed-source': 'info',
      'severity.name-variant': 'off',
    }),
  );
  assert.deepEqual(settings, {
    language: 'fr',
    severity: { 'unattributed-quote': 'error', 'unnamed-source': 'info', 'name-variant': 'off' },
  });
  assert.deepEqual(problems, []);
  // Exactly the JSON the server documents.
  assert.equal(
    JSON.stringify(settings),
    '{"language":"fr","severity":{"unattributed-quote":"error","unnamed-source":"info","name-variant":"off"}}',
  );
});

test('every code and every severity is accepted', () => {
  for (const code of DIAGNOSTIC_CODES) {
    for (const severity of SEVERITIES) {
      const { settings, problems } = toServerSettings(reader({ [`severity.${code}`]: severity }));
      assert.deepEqual(settings.severity, { [code]: severity });
      assert.deepEqual(problems, []);
    }
  }
});

test('bad values are ignored and reported, never sent', () => {
  const { settings, problems } = toServerSettings(
    reader({ language: 'de', 'severity.name-variant': 'loud', 'severity.unbalanced-quote': 3 }),
  );
  assert.deepEqual(settings, { language: 'auto', severity: {} });
  assert.equal(problems.length, 3);
  assert.match(problems[0] ?? '', /copydesk\.language: "de"/);
  assert.ok(problems.some((p) => p.includes('copydesk.severity.name-variant: "loud"')));
  assert.ok(problems.some((p) => p.includes('copydesk.severity.unbalanced-quote: 3')));
});

test('keys the server does not know are not read', () => {
  const asked: string[] = [];
  toServerSettings((key) => {
    asked.push(key);
    return undefined;
  });
  assert.deepEqual(asked, ['language', ...DIAGNOSTIC_CODES.map((c) => `severity.${c}`)]);
});

test('workspace/configuration: our object for section copydesk, null for others', () => {
  const settings = { language: 'en' as const, severity: { 'name-variant': 'hint' as const } };
  assert.deepEqual(configurationItem('copydesk', settings), settings);
  assert.deepEqual(configurationItem(undefined, settings), settings);
  assert.equal(configurationItem('editor', settings), null);
  assert.equal(configurationItem('copydesk.severity', settings), null);
});

test('package.json contributes exactly the settings this module maps', () => {
  const manifestPath = path.join(__dirname, '..', '..', 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { enum?: string[]; default?: unknown }> } };
  };
  const props = manifest.contributes.configuration.properties;
  assert.deepEqual(props['copydesk.language']?.enum, [...LANGUAGES]);
  for (const code of DIAGNOSTIC_CODES) {
    assert.deepEqual(props[`copydesk.severity.${code}`]?.enum, [...SEVERITIES], code);
  }
  const severityKeys = Object.keys(props).filter((k) => k.startsWith('copydesk.severity.'));
  assert.deepEqual(
    severityKeys.sort(),
    DIAGNOSTIC_CODES.map((c) => `copydesk.severity.${c}`).sort(),
  );
  assert.ok(props['copydesk.server.path']);
  assert.deepEqual(props['copydesk.trace.server']?.enum, ['off', 'messages', 'verbose']);
});
