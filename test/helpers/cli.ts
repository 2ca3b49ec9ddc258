import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './process';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'virtdeck-cli.js');

/** The newest modification time of any file below `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds the CLI when this checkout has no build, or one older than its sources, so a test
 * never judges yesterday's code (the test command builds first anyway).
 */
export async function ensureCliBuilt(): Promise<void> {
  const built = join(ROOT, 'out', 'cli', 'index.js');
  // The build's own plugins (scripts/) and config shape the bundle as much as the sources do.
  const sources = Math.max(newestMtime(join(ROOT, 'electron')), newestMtime(join(ROOT, 'shared')), newestMtime(join(ROOT, 'scripts')), statSync(join(ROOT, 'vite.cli.config.ts')).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  await run('npx', ['vite', 'build', '--config', join(ROOT, 'vite.cli.config.ts'), '--logLevel', 'error'], { timeoutMs: 120_000 });
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real virtdeck-cli as an admin would: a process, its exit code and its output. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The real virtdeck-cli run as another local account (setpriv drops root's uid, gid and
 * groups for the account's own), for daemons that judge the client by its uid: polkit lets
 * root through without asking.
 */
export function runCliAs(user: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const argv = [`--reuid=${user}`, `--regid=${user}`, '--init-groups', process.execPath, CLI, ...args];
  // HOME a directory the account may read; stdin not a terminal, as in a script.
  const childEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', ...env };
  return new Promise((resolve) => {
    execFile('setpriv', argv, { env: childEnv, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The real virtdeck-cli as a live process, for commands that stream (console). */
export function spawnCli(args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { stdio: 'pipe' });
}
