// Copies the release build of the copydesk server into server/, where the extension looks for
// its bundled binary, building it first with `cargo build --release` when it is missing
// (or always, with --build). On Linux the copy is stripped of debug info. The target folder is ../../target, or $CARGO_TARGET_DIR.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const extensionRoot = resolve(here, '..');
const repoRoot = resolve(extensionRoot, '..', '..');
const exe = process.platform === 'win32' ? 'copydesk.exe' : 'copydesk';
const envTarget = process.env.CARGO_TARGET_DIR;
const targetDir =
  envTarget === undefined || envTarget === ''
    ? join(repoRoot, 'target')
    : isAbsolute(envTarget)
      ? envTarget
      : join(repoRoot, envTarget);
const built = join(targetDir, 'release', exe);

if (process.argv.includes('--build') || !existsSync(built)) {
  console.log(`bundle-server: cargo build --release in ${repoRoot}`);
  execFileSync('cargo', ['build', '--release', '--bin', 'copydesk'], { cwd: repoRoot, stdio: 'inherit' });
}
if (!existsSync(built)) {
  console.error(`bundle-server: ${built} is still missing after cargo build`);
  process.exit(1);
}

const dest = join(extensionRoot, 'server', exe);
mkdirSync(dirname(dest), { recursive: true });
copyFileSync(built, dest);
chmodSync(dest, 0o755);
// The release profile keeps debug info (for profiling); the copy users get does not need it.
if (process.platform === 'linux') {
  try {
    execFileSync('strip', ['--strip-debug', dest], { stdio: 'inherit' });
  } catch {
    console.warn('bundle-server: strip failed or is missing; bundling the binary with its debug info');
  }
}
console.log(`bundle-server: ${built} -> ${dest} (${String(statSync(dest).size)} bytes)`);
