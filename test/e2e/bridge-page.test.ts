import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { fakeDispatch } from '../unit/bridge/fake-handlers';

const repo = resolve(import.meta.dirname, '..', '..');
const VERSION = '9.8.7-e2e';

let outDir: string;
let bridge: Bridge;
let browser: Browser;

beforeAll(async () => {
  // The renderer is built from the current sources into a directory of the test's own,
  // so a stale out/renderer can neither pass nor fail this test. Same settings as
  // electron.vite.config.ts's renderer.
  outDir = await mkdtemp(join(tmpdir(), 'virtdeck-e2e-renderer-'));
  await build({
    configFile: false,
    root: join(repo, 'renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  bridge = await startBridge({ dispatch: fakeDispatch(VERSION), rendererDir: outDir });
  browser = await chromium.launch({
    executablePath: inject('harness').chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser.close();
  await bridge.close();
  await rm(outDir, { recursive: true, force: true });
});

describe('the renderer in a browser, through the bridge', () => {
  it.each([
    ['127.0.0.1', (url: string) => url],
    ['localhost', (url: string) => url.replace('127.0.0.1', 'localhost')],
  ])('reaches the ready state at %s and shows the version main reported', async (name, address) => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      // renderer/index.html's meta CSP names frame-ancestors, which only a header can
      // enforce; the bridge sends it as a header, so Chromium's note about the meta is moot.
      if (message.type() === 'error' && !message.text().includes("'frame-ancestors' is ignored")) problems.push(message.text());
    });
    page.on('pageerror', (error) => { problems.push(error.message); });
    page.on('response', (response) => {
      // The renderer has no favicon; Chromium asks anyway.
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`${String(response.status())} ${response.url()}`);
    });
    await page.goto(address(bridge.url));
    await page.locator('main[data-app-state="ready"]').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('app-version').textContent()).resolves.toBe(`Version ${VERSION}`);
    await mkdir(join(repo, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(repo, 'test-results', `bridge-page-${name}.png`) });
    // No CSP violation, no failed socket, no uncaught error on the way.
    expect(problems.filter((p) => !p.includes('the server responded with a status of 404'))).toEqual([]);
    await page.close();
  });

  it('shows no app to a page opened without the token', async () => {
    const page = await browser.newPage();
    const response = await page.goto(bridge.url.replace(/\?token=.*$/, ''));
    expect(response?.status()).toBe(403);
    await expect(page.locator('main').count()).resolves.toBe(0);
    await page.close();
  });
});
