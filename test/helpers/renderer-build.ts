import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export interface BuiltRenderer {
  readonly dir: string;
  dispose(): Promise<void>;
}

/**
 * Builds the renderer from the current sources into a directory of the test's own, so a
 * stale out/renderer can neither pass nor fail a test. Same settings as
 * electron.vite.config.ts's renderer.
 */
export async function buildRenderer(): Promise<BuiltRenderer> {
  const dir = await mkdtemp(join(tmpdir(), 'virtdeck-e2e-renderer-'));
  await build({
    configFile: false,
    root: join(REPO_ROOT, 'renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
  });
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Debian's Chromium, headless, with nothing that phones home. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}
