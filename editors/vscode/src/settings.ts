/**
 * The mapping from VS Code's `copydesk.*` settings to the JSON object the copydesk server reads,
 * both in `initializationOptions` and in answers to `workspace/configuration` for the section
 * `copydesk`:
 *
 *     { "language": "fr", "severity": { "unattributed-quote": "warning", ... } }
 *
 * Pure: it knows nothing of the `vscode` module, so that it can be unit-tested with node alone.
 */

/** The diagnostic codes whose severity a user can set, in the order the settings list them. */
export const DIAGNOSTIC_CODES = [
  'unbalanced-quote',
  'misused-quote-mark',
  'unattributed-quote',
  'unnamed-source',
  'name-variant',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'] as const;
export type SeverityName = (typeof SEVERITIES)[number];

export const LANGUAGES = ['auto', 'fr', 'en'] as const;
export type LanguageSetting = (typeof LANGUAGES)[number];

/** What the server receives. */
export interface ServerSettings {
  language: LanguageSetting;
  severity: Partial<Record<DiagnosticCode, SeverityName>>;
}

/**
 * Reads one setting under `copydesk.` by its key relative to the section (`language`,
 * `severity.name-variant`). It returns `undefined` when the user has not set the value
 * anywhere (user, workspace or folder settings): defaults are the server's business, so that a
 * newsroom's `copydesk.toml` is not overridden by VS Code's defaults.
 */
export type SettingReader = (key: string) => unknown;

/** The result of mapping: the settings, and one message per value that was ignored. */
export interface MappedSettings {
  settings: ServerSettings;
  problems: string[];
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** Maps the user's `copydesk.*` settings to the server's settings object. */
export function toServerSettings(read: SettingReader): MappedSettings {
  const problems: string[] = [];

  let language: LanguageSetting = 'auto';
  const rawLanguage = read('language');
  if (rawLanguage !== undefined) {
    if (isOneOf(LANGUAGES, rawLanguage)) {
      language = rawLanguage;
    } else {
      problems.push(
        `copydesk.language: ${JSON.stringify(rawLanguage)} is not one of ${LANGUAGES.join(', ')}; using "auto"`,
      );
    }
  }

  const severity: Partial<Record<DiagnosticCode, SeverityName>> = {};
  for (const code of DIAGNOSTIC_CODES) {
    const raw = read(`severity.${code}`);
    if (raw === undefined) {
      continue;
    }
    if (isOneOf(SEVERITIES, raw)) {
      severity[code] = raw;
    } else {
      problems.push(
        `copydesk.severity.${code}: ${JSON.stringify(raw)} is not one of ${SEVERITIES.join(', ')}; ignored`,
      );
    }
  }

  return { settings: { language, severity }, problems };
}

/**
 * The answer to one item of a `workspace/configuration` request: our settings object for the
 * section `copydesk` (or no section: the whole configuration), `null` for any other section,
 * as the protocol asks for sections a client does not know.
 */
export function configurationItem(section: string | undefined, settings: ServerSettings): ServerSettings | null {
  if (section === undefined || section === '' || section === 'copydesk') {
    return settings;
  }
  return null;
}
