/**
 * Finding the `copydesk` binary, in this order:
 *
 * 1. the `copydesk.server.path` setting (a `~` at its start is the home folder; a relative path
 *    is taken from the first workspace folder);
 * 2. the binary bundled inside the extension, `server/copydesk` (`server/copydesk.exe` on Windows);
 * 3. `copydesk` on the `PATH`.
 *
 * Pure apart from the file-system check, which is injected so the logic can be tested.
 */

import * as path from 'node:path';
import * as fs from 'node:fs';

export type ServerSource = 'setting' | 'bundled' | 'path';

export type Located =
  | { ok: true; command: string; source: ServerSource }
  | { ok: false; message: string };

export interface LocateOptions {
  /** The value of `copydesk.server.path`, possibly empty. */
  configuredPath: string | undefined;
  /** The extension's own folder. */
  extensionPath: string;
  /** The first workspace folder, for a relative `copydesk.server.path`. */
  workspaceFolder?: string | undefined;
  /** The environment (PATH, PATHEXT, HOME). */
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homedir: string;
  /** Whether a file exists and can be run. */
  isExecutable: (file: string) => boolean;
}

/** How to install the server, said in every "not found" message. */
export const INSTALL_HINT =
  'Install it with `cargo install --path .` from a copydesk checkout (this puts `copydesk` on your PATH), ' +
  'or set `copydesk.server.path` to the copydesk binary.';

export function binaryName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'copydesk.exe' : 'copydesk';
}

/** The path of the binary bundled inside the extension. */
export function bundledPath(extensionPath: string, platform: NodeJS.Platform): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  return p.join(extensionPath, 'server', binaryName(platform));
}

function expandConfigured(configured: string, options: LocateOptions): string {
  const p = options.platform === 'win32' ? path.win32 : path.posix;
  let file = configured;
  if (file === '~' || file.startsWith('~/') || file.startsWith('~\\')) {
    file = p.join(options.homedir, file.slice(1));
  }
  if (!p.isAbsolute(file) && options.workspaceFolder !== undefined) {
    file = p.join(options.workspaceFolder, file);
  }
  return file;
}

/** Looks `copydesk` up in the PATH, as a shell would. */
export function searchPath(options: Pick<LocateOptions, 'env' | 'platform' | 'isExecutable'>): string | undefined {
  const windows = options.platform === 'win32';
  const p = windows ? path.win32 : path.posix;
  // Environment variable names are case-insensitive on Windows.
  const pathVar = windows
    ? Object.entries(options.env).find(([k]) => k.toUpperCase() === 'PATH')?.[1]
    : options.env.PATH;
  if (pathVar === undefined || pathVar === '') {
    return undefined;
  }
  const extensions = windows
    ? (options.env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter((e) => e !== '')
    : [''];
  for (const dir of pathVar.split(windows ? ';' : ':')) {
    if (dir === '') {
      continue;
    }
    for (const ext of extensions) {
      const candidate = p.join(dir, `copydesk${ext.toLowerCase()}`);
      if (options.isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

export function locateServer(options: LocateOptions): Located {
  const configured = options.configuredPath?.trim() ?? '';
  if (configured !== '') {
    const file = expandConfigured(configured, options);
    if (options.isExecutable(file)) {
      return { ok: true, command: file, source: 'setting' };
    }
    // The user asked for this binary: say so rather than silently running another one.
    return {
      ok: false,
      message:
        `copydesk.server.path is set to "${configured}", but ${file} does not exist or cannot be run. ` +
        `Fix the setting, or clear it to use the bundled server or \`copydesk\` on your PATH. ${INSTALL_HINT}`,
    };
  }
  const bundled = bundledPath(options.extensionPath, options.platform);
  if (options.isExecutable(bundled)) {
    return { ok: true, command: bundled, source: 'bundled' };
  }
  const onPath = searchPath(options);
  if (onPath !== undefined) {
    return { ok: true, command: onPath, source: 'path' };
  }
  return {
    ok: false,
    message: `The copydesk language server was not found: no copydesk.server.path setting, no server bundled with the extension, no \`copydesk\` on the PATH. ${INSTALL_HINT}`,
  };
}

/** The real check: a regular file the current user may execute (on Windows: a file). */
export function isExecutableFile(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return false;
    }
    if (process.platform === 'win32') {
      return true;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A bundled binary whose executable bit was lost on the way (an archive tool that drops file
 * modes) is made executable again; returns whether it now is.
 */
export function repairBundledMode(file: string): boolean {
  if (process.platform === 'win32') {
    return fs.existsSync(file);
  }
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return false;
    }
    if ((stat.mode & 0o111) === 0) {
      fs.chmodSync(file, stat.mode | 0o755);
    }
    return isExecutableFile(file);
  } catch {
    return false;
  }
}
