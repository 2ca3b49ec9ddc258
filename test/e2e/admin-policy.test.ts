/**
 * The admin policy in the window: the real renderer in Chromium, on main's real services
 * through the bridge, with a policy file read at start. A broken file is told in the
 * banner and the app starts anyway; a managed connection is marked and offers no removal.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildRenderer, launchChromium, REPO_ROOT, type BuiltRenderer } from '../helpers/renderer-build';
import { openUiApp, type UiApp, type UiAppOptions } from '../helpers/ui-app';

const RESULTS = join(REPO_ROOT, 'test-results');
const WAIT = { timeout: 20_000 };

let renderer: BuiltRenderer;
let browser: Browser;
let app: UiApp | undefined;

beforeAll(async () => {
  renderer = await buildRenderer();
  browser = await launchChromium(inject('harness').chromium);
  await mkdir(RESULTS, { recursive: true });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(async () => {
  await browser.close();
  await renderer.dispose();
});

async function open(options: UiAppOptions): Promise<Page> {
  app = await openUiApp(browser, renderer.dir, options);
  return app.page;
}

function connection(page: Page, name: string): Locator {
  return page.getByTestId('connection-item').filter({ has: page.getByTestId('connection-name').getByText(name, { exact: true }) });
}

/** How many Remove entries the connection's ⋯ menu offers (the tree keeps Remove there). */
async function removeEntries(page: Page, item: Locator): Promise<number> {
  await item.getByTestId('connection-menu').click();
  const menu = page.getByTestId('connection-menu-content');
  await menu.waitFor(WAIT);
  const count = await menu.getByTestId('menu-remove').count();
  await page.keyboard.press('Escape');
  await menu.waitFor({ ...WAIT, state: 'detached' });
  return count;
}

describe('the admin policy in the window', () => {
  it('tells a broken policy file in the banner, and starts on the embedded host all the same', async () => {
    const page = await open({ policyText: '{"version": 1, "policy": {"forbidExtTransport": "yes"}}' });
    const notices = page.getByTestId('notices');
    await notices.waitFor(WAIT);
    const text = await notices.textContent();
    expect(text).toMatch(/The administrator's policy file .*policy\.json could not be used \(policy\.forbidExtTransport: /);
    await expect.poll(() => connection(page, 'Embedded test host').getAttribute('data-state'), WAIT).toBe('open');
    await page.screenshot({ path: join(RESULTS, 'ui-policy-broken.png') });
    expect(app?.problems).toEqual([]);
  });

  it('marks a managed connection and offers no removal for it, while the person’s own can be removed', async () => {
    const policyText = JSON.stringify({
      version: 1,
      connections: [{ id: 'lab', name: 'Lab host (managed)', uri: 'test:///default', autoconnect: true }],
    });
    const page = await open({ policyText });
    const managed = connection(page, 'Lab host (managed)');
    await expect.poll(() => managed.getAttribute('data-state'), WAIT).toBe('open');
    await expect(managed.getAttribute('data-managed')).resolves.toBe('true');
    await expect(managed.getByTestId('connection-managed').textContent()).resolves.toBe('Managed');
    await expect(removeEntries(page, managed)).resolves.toBe(0);
    const own = connection(page, 'Embedded test host');
    await expect(removeEntries(page, own)).resolves.toBe(1);
    await expect(own.getByTestId('connection-managed').count()).resolves.toBe(0);
    await expect(page.getByTestId('notices').count()).resolves.toBe(0);
    await page.screenshot({ path: join(RESULTS, 'ui-policy-managed.png') });
    // Still managed after its state changes: closing it is allowed, removing it is not.
    await managed.getByTestId('connection-close').click();
    await expect.poll(() => managed.getAttribute('data-state'), WAIT).toBe('closed');
    await expect(managed.getByTestId('connection-managed').count()).resolves.toBe(1);
    await expect(removeEntries(page, managed)).resolves.toBe(0);
    expect(app?.problems).toEqual([]);
  });
});
