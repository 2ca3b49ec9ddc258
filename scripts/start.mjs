#!/usr/bin/env node
// `npm start`: build, then open the Electron window. Electron's binary is fetched on first
// use from outside the npm registry; where that cannot be reached, say so in one sentence
// and run the very same app in the browser mode instead of printing a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

function fetchElectron() {
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 120_000,
  });
  return result.status === 0;
}

const binary = electronBinary() ?? (fetchElectron() ? electronBinary() : undefined);
if (!binary) {
  console.error(
    "Virtdeck cannot open its window here: Electron's binary is not installed and could not be downloaded; " +
      'starting the browser mode (`npm run web`) instead.',
  );
  const web = spawn(process.execPath, [join(import.meta.dirname, 'web.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { web.kill('SIGTERM'); });
  web.on('exit', (code) => { process.exit(code ?? 1); });
} else {
  const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const app = spawn(binary, ['.'], { stdio: 'inherit' });
  app.on('exit', (code) => { process.exit(code ?? 0); });
}
