#!/usr/bin/env node
// `npm run web`: the browser mode. Builds what is missing or older than its sources, then
// runs the loopback bridge (out/bridge/index.js), which serves the renderer and main's
// services on 127.0.0.1 behind a token and prints the address to open.
//
// Usage: npm run web [-- --port N] [-- --no-build]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUTPUTS = ['out/renderer/index.html', 'out/bridge/index.js'];
const SOURCES = ['renderer', 'shared', 'electron', 'package.json', 'vite.bridge.config.ts', 'electron.vite.config.ts'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), info.mtimeMs);
}

function needsBuild() {
  if (!OUTPUTS.every((output) => existsSync(output))) return true;
  const built = Math.min(...OUTPUTS.map((output) => statSync(output).mtimeMs));
  return SOURCES.some((source) => newestMtime(source) > built);
}

const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const bridgeArgs = args.filter((arg) => arg !== '--no-build');

if (!skipBuild && needsBuild()) {
  console.error('Building Virtdeck for the browser…');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(build.status ?? 1);
  }
}

const bridge = spawn(process.execPath, ['out/bridge/index.js', ...bridgeArgs], { stdio: 'inherit' });
// Ctrl-C reaches the bridge through the process group as well; forwarding covers a signal
// sent to this process alone. The bridge shuts down once, whichever arrives first.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { bridge.kill('SIGTERM'); });
bridge.on('exit', (code, signal) => { process.exit(code ?? (signal ? 1 : 0)); });
