/**
 * The copydesk extension: starts `copydesk lsp` with vscode-languageclient for plain-text and
 * Markdown articles, feeds it the `copydesk.*` settings, and offers "copydesk: Restart server".
 */

import * as os from 'node:os';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

import { configurationItem, toServerSettings, type MappedSettings } from './settings';
import { bundledPath, isExecutableFile, locateServer, repairBundledMode, type Located } from './serverPath';

const CLIENT_ID = 'copydesk';
const CLIENT_NAME = 'copydesk';
/** How long a stopping server may take before we give up on it. */
const STOP_TIMEOUT_MS = 3000;

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let lastProblems = '';

/** The "copydesk" output channel: the extension's log, the server's stderr and the trace. */
function channel(): vscode.OutputChannel {
  output ??= vscode.window.createOutputChannel('copydesk');
  return output;
}

function log(message: string): void {
  channel().appendLine(message);
}

/** The user's settings, mapped for the server; values the user never set are left out. */
function readSettings(): MappedSettings {
  const config = vscode.workspace.getConfiguration('copydesk');
  const mapped = toServerSettings((key) => {
    const inspected = config.inspect(key);
    if (inspected === undefined) {
      return undefined;
    }
    return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue;
  });
  const problems = mapped.problems.join('\n');
  if (problems !== '' && problems !== lastProblems) {
    log(problems);
    void vscode.window.showWarningMessage(`copydesk: ${mapped.problems.join('; ')}`);
  }
  lastProblems = problems;
  return mapped;
}

function locate(context: vscode.ExtensionContext): Located {
  const bundled = bundledPath(context.extensionPath, process.platform);
  if (fs.existsSync(bundled)) {
    repairBundledMode(bundled);
  }
  return locateServer({
    configuredPath: vscode.workspace.getConfiguration('copydesk').get<string>('server.path'),
    extensionPath: context.extensionPath,
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    env: process.env,
    platform: process.platform,
    homedir: os.homedir(),
    isExecutable: isExecutableFile,
  });
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const located = locate(context);
  if (!located.ok) {
    log(located.message);
    const choice = await vscode.window.showErrorMessage(located.message, 'Open Settings');
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'copydesk.server.path');
    }
    return;
  }
  log(`Starting ${located.command} lsp (found: ${located.source})`);

  const serverOptions: ServerOptions = {
    command: located.command,
    args: ['lsp'],
    options: { env: { ...process.env } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    initializationOptions: readSettings().settings,
    outputChannel: channel(),
    traceOutputChannel: channel(),
    middleware: {
      workspace: {
        // The server asks for the section `copydesk`; answer with the same object as in
        // initializationOptions, not VS Code's raw settings tree.
        configuration: (params) => {
          const { settings } = readSettings();
          return params.items.map((item) => configurationItem(item.section, settings));
        },
      },
    },
  };

  const next = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = next;
  try {
    await next.start();
  } catch (error) {
    const message = `copydesk: the server ${located.command} failed to start: ${String(error)}`;
    log(message);
    void vscode.window.showErrorMessage(message);
  }
}

async function stopClient(): Promise<void> {
  const current = client;
  client = undefined;
  if (current === undefined) {
    return;
  }
  try {
    if (current.isRunning()) {
      await current.stop(STOP_TIMEOUT_MS);
    }
  } catch (error) {
    log(`Stopping the server: ${String(error)}`);
  }
  try {
    await current.dispose(STOP_TIMEOUT_MS);
  } catch {
    // Already stopped.
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  log('Restarting the server');
  await stopClient();
  await startClient(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(channel());

  context.subscriptions.push(
    vscode.commands.registerCommand('copydesk.restartServer', () => restart(context)),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('copydesk.server.path')) {
        await restart(context);
      } else if (event.affectsConfiguration('copydesk') && client?.isRunning() === true) {
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { copydesk: readSettings().settings },
        });
      }
    }),
  );

  await startClient(context);
}

export function deactivate(): Promise<void> {
  return stopClient();
}
