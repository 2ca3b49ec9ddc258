import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runBridge, type RunningBridge } from '../../electron/bridge/main';
import type { Dispatch } from '../../electron/main/ipc/dispatch';
import { createMainServices, type MainServices, type MainServicesOptions } from '../../electron/main/services';
import { loadAdminPolicy, policyFile, type AdminPolicy } from '../../electron/policy';
import { asProfileStore, describeNotice } from '../../electron/main/settings/profile-store';
import { SettingsStore } from '../../electron/main/settings/settings-store';
import { TEST_APP_INFO } from './main-services';

/** The app as an admin meets it: real services, a fresh settings folder, one page. */
export interface UiApp {
  readonly page: Page;
  /** Console errors, failed requests and uncaught exceptions seen by the page. */
  readonly problems: string[];
  /** The bridge the page talks to, and the settings file main writes. */
  readonly bridge: RunningBridge['bridge'];
  readonly settingsFile: string;
  /** Main's own dispatch, for a test that acts beside the page (as a second window would). */
  readonly dispatch: Dispatch;
  close(): Promise<void>;
}

export interface UiAppOptions {
  readonly settingsText?: string;
  /** An admin policy file's text, read at start as the shells read the system one. */
  readonly policyText?: string;
  readonly statsIntervalMs?: number;
  /** Short keepalive and handshake bounds, and a quick retry, for the fault tests. */
  readonly connection?: MainServicesOptions['connection'];
  readonly backoff?: MainServicesOptions['backoff'];
}

/** A browser (a fresh context per page), or a persistent context whose profile folder a test reads. */
export type PageSource = Browser | BrowserContext;

const VIEWPORT = { width: 1360, height: 860 };

export async function openUiApp(browser: PageSource, rendererDir: string, options: UiAppOptions = {}): Promise<UiApp> {
  const userData = await mkdtemp(join(tmpdir(), 'virtdeck-ui-user-data-'));
  const settingsFile = join(userData, 'settings.json');
  // A settings file as an earlier run (or a bad disk) left it.
  if (options.settingsText !== undefined) await writeFile(settingsFile, options.settingsText);
  const settings = new SettingsStore({ file: settingsFile });
  const notices: string[] = [];
  let policy: AdminPolicy | undefined;
  if (options.policyText !== undefined) {
    const file = policyFile({ VIRTDECK_ADMIN_DIR: join(userData, 'admin') });
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, options.policyText);
    const admin = await loadAdminPolicy(file);
    if (admin.kind === 'broken') notices.push(admin.message);
    policy = admin.policy;
  }
  let running: RunningBridge | undefined;
  let services: MainServices | undefined;
  try {
    running = await runBridge({
      rendererDir,
      // A short stats tick so the CPU column fills within a test.
      services: async (sink) => {
        services = await createMainServices({
          store: asProfileStore(settings, (notice) => { notices.push(describeNotice(notice)); }),
          sink,
          appInfo: TEST_APP_INFO,
          notices: () => notices,
          statsIntervalMs: options.statsIntervalMs ?? 500,
          ...(policy === undefined ? {} : { policy }),
          ...(options.connection === undefined ? {} : { connection: options.connection }),
          ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
        });
        return services;
      },
    });
    const page = 'newContext' in browser ? await browser.newPage({ viewport: VIEWPORT }) : await browser.newPage();
    if (!('newContext' in browser)) await page.setViewportSize(VIEWPORT);
    const problems: string[] = [];
    page.on('console', (message) => {
      // The meta CSP names frame-ancestors, which only a header can enforce (the bridge sends it).
      if (message.type() === 'error' && !message.text().includes("'frame-ancestors' is ignored") && !message.text().includes('status of 404')) problems.push(message.text());
    });
    page.on('pageerror', (error) => { problems.push(error.message); });
    await page.goto(running.bridge.url);
    await page.locator('main[data-app-state="ready"]').waitFor({ timeout: 15_000 });
    const bridge = running;
    if (services === undefined) throw new Error('the bridge started without its services');
    const { dispatch } = services;
    return {
      dispatch,
      page,
      problems,
      bridge: bridge.bridge,
      settingsFile,
      close: async () => {
        await page.close();
        await bridge.stop();
        await rm(userData, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await running?.stop();
    await rm(userData, { recursive: true, force: true });
    throw error;
  }
}
