import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './process';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'virtdeck-cli.js');

/** Builds the CLI once if this checkout has not been built yet (the test command builds it). */
export async function ensureCliBuilt(): Promise<void> {
  if (existsSync(join(ROOT, 'out', 'cli', 'index.js'))) return;
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
