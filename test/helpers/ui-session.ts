/**
 * One e2e file's window on the app: registers the hooks that build the renderer and launch
 * Debian's Chromium once per file, open a fresh app per test and close it after, plus the
 * steps every UI test repeats (screenshots, finding a connection, adding one by its URI).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { buildRenderer, launchChromium, REPO_ROOT, type BuiltRenderer } from './renderer-build';
import { openUiApp, type UiApp, type UiAppOptions } from './ui-app';

const RESULTS = join(REPO_ROOT, 'test-results');
const DOCS = join(REPO_ROOT, 'docs', 'screenshots');

export interface UiSession {
  /** A fresh app (bridge, main's services, a page) for this test; closed after it. */
  open(options?: UiAppOptions): Promise<Page>;
  /** What the open app's page reported as going wrong (console errors, failed requests). */
  problems(): UiApp['problems'] | undefined;
}

export interface UiSessionOptions {
  /** Run after the browser closes: what the file's tests left on the daemon, say. */
  readonly cleanUp?: () => Promise<void>;
}

/** Call once at the top of an e2e file. */
export function useUiSession(options: UiSessionOptions = {}): UiSession {
  let renderer: BuiltRenderer | undefined;
  let browser: Browser | undefined;
  let app: UiApp | undefined;

  beforeAll(async () => {
    renderer = await buildRenderer();
    browser = await launchChromium(inject('harness').chromium);
    await mkdir(RESULTS, { recursive: true });
    await mkdir(DOCS, { recursive: true });
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await renderer?.dispose();
    await options.cleanUp?.();
  });

  return {
    async open(appOptions = {}) {
      if (browser === undefined || renderer === undefined) throw new Error('the UI session has not started: call useUiSession at the top of the file');
      app = await openUiApp(browser, renderer.dir, appOptions);
      return app.page;
    },
    problems: () => app?.problems,
  };
}

export interface ShootOptions {
  /** Also copy it to docs/screenshots for the README. */
  readonly forDocs?: boolean;
  readonly fullPage?: boolean;
}

/** test-results/ui-NAME.png on every run; the README's copy only on request or when missing. */
export async function shoot(page: Page, name: string, { forDocs = false, fullPage = false }: ShootOptions = {}): Promise<void> {
  const path = join(RESULTS, `ui-${name}.png`);
  await page.screenshot({ path, fullPage });
  // Every run's pixels differ (live CPU figures), so a test run leaves the work tree clean
  // unless VIRTDECK_UPDATE_SCREENSHOTS=1 asks for new copies.
  const docs = join(DOCS, `${name}.png`);
  if (forDocs && (process.env.VIRTDECK_UPDATE_SCREENSHOTS === '1' || !existsSync(docs))) await copyFile(path, docs);
}

export function connectionItem(page: Page, name: string): Locator {
  return page.getByTestId('connection-item').filter({ has: page.getByTestId('connection-name').getByText(name, { exact: true }) });
}

export interface AddByUriOptions {
  /** The dialog's "Reconnect when the link is lost"; on by default, as in the dialog. */
  readonly reconnect?: boolean;
  /** Wait until the new connection is open. */
  readonly waitOpen?: boolean;
  readonly timeoutMs?: number;
}

/** Adds a connection through the dialog's URI tab, as a person typing it would. */
export async function addByUri(page: Page, uri: string, name: string, { reconnect = true, waitOpen = false, timeoutMs = 30_000 }: AddByUriOptions = {}): Promise<void> {
  const wait = { timeout: timeoutMs };
  await page.getByTestId('add-connection').click();
  const dialog = page.getByTestId('add-connection-dialog');
  await dialog.getByTestId('tab-raw').click();
  await dialog.getByTestId('field-uri').fill(uri);
  await dialog.getByTestId('field-name').fill(name);
  if (!reconnect) await dialog.getByTestId('field-reconnect').uncheck();
  await dialog.getByTestId('field-name').press('Enter');
  await dialog.waitFor({ state: 'detached', ...wait });
  if (waitOpen) await expect.poll(() => connectionItem(page, name).getAttribute('data-state'), wait).toBe('open');
}
