import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { buildRenderer, launchChromium, REPO_ROOT as repo, type BuiltRenderer } from '../helpers/renderer-build';
import { fakeDispatch } from '../unit/bridge/fake-handlers';

const VERSION = '9.8.7-e2e';

let renderer: BuiltRenderer;
let bridge: Bridge;
let browser: Browser;

beforeAll(async () => {
  renderer = await buildRenderer();
  bridge = await startBridge({ dispatch: fakeDispatch(VERSION), rendererDir: renderer.dir });
  browser = await launchChromium(inject('harness').chromium);
});

afterAll(async () => {
  await browser.close();
  await bridge.close();
  await renderer.dispose();
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
