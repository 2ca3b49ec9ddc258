/**
 * Secrets stay out of the renderer's storage: the real renderer in Chromium with a profile
 * folder of the test's own answers a SASL login (user name and password, against a libvirtd
 * of this file's own) and an SSH key passphrase prompt in its password field, then the browser is closed (so it flushes what it keeps) and every
 * byte of its profile (Local Storage, IndexedDB, Session Storage, caches...), main's
 * settings folder and the run's files (the daemon's and sshd's logs) is searched for either
 * secret, in UTF-8 and in UTF-16 (how Chromium keeps some strings).
 *
 * A positive control proves the search reaches the storage: the theme the test picks is
 * kept in localStorage, and it must be found on disk.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLibvirtd, stopLibvirtd, type PrivateLibvirtd } from '../helpers/libvirtd';
import { freePort } from '../helpers/ports';
import { buildRenderer, type BuiltRenderer } from '../helpers/renderer-build';
import { makeSaslDatabase } from '../helpers/sasl';
import { openUiApp, type UiApp } from '../helpers/ui-app';

const harness = inject('harness');
const WAIT = { timeout: 30_000 };

let renderer: BuiltRenderer;
let profileDir = '';
let context: BrowserContext | undefined;
let app: UiApp | undefined;
let daemon: PrivateLibvirtd | undefined;
let saslDbDir = '';

beforeAll(async () => {
  renderer = await buildRenderer();
});
afterAll(async () => {
  await app?.close();
  await context?.close();
  if (daemon !== undefined) await stopLibvirtd(daemon);
  if (saslDbDir !== '') await rm(saslDbDir, { recursive: true, force: true });
  if (profileDir !== '') await rm(profileDir, { recursive: true, force: true });
  await renderer.dispose();
});

/** Where in the files below `dir` any of the needles occurs, as `file: needle (encoding)`. */
async function occurrences(dir: string, needles: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || info.size > 256 * 1024 * 1024) continue;
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes === undefined) continue;
    for (const needle of needles) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        if (bytes.includes(Buffer.from(needle, encoding))) found.push(`${relative(dir, path)}: ${needle} (${encoding})`);
      }
    }
  }
  return found;
}

function connection(page: Page, name: string) {
  return page.getByTestId('connection-item').filter({ has: page.getByTestId('connection-name').getByText(name, { exact: true }) });
}

/** Adds a connection by raw URI, answers its one prompt (a user name where asked, the secret in the password field), and waits for it to open. */
async function connectAnswering(page: Page, uri: string, name: string, secret: string, user?: string): Promise<void> {
  await page.getByTestId('add-connection').click();
  const dialog = page.getByTestId('add-connection-dialog');
  await dialog.getByTestId('tab-raw').click();
  await dialog.getByTestId('field-uri').fill(uri);
  await dialog.getByTestId('field-name').fill(name);
  await dialog.getByTestId('field-reconnect').uncheck();
  await dialog.getByTestId('field-name').press('Enter');
  await dialog.waitFor({ state: 'detached', ...WAIT });
  const prompt = page.getByTestId('prompt-modal');
  const field = prompt.getByTestId('prompt-secret');
  await field.waitFor(WAIT);
  await expect(field.getAttribute('type')).resolves.toBe('password');
  if (user !== undefined) await prompt.getByTestId('prompt-sasl-user').fill(user);
  await field.fill(secret);
  await field.press('Enter');
  await prompt.waitFor({ state: 'detached', ...WAIT });
  await expect.poll(() => connection(page, name).getAttribute('data-state'), WAIT).toBe('open');
}

describe('the renderer\'s storage', () => {
  it('keeps no password or passphrase typed into a prompt, in any file of the browser profile, the settings or the run', async () => {
    const { sshd, libvirtd } = harness;
    // SASL against a daemon of this file's own: the harness's SSH password is reset by every
    // other harness run on the machine, so a SASL password is the one this test controls.
    const saslPassword = `sasl-${String(process.pid)}-${String(Date.now())}`;
    const saslDir = join(harness.root, `renderer-secrets-${String(process.pid)}`);
    // The user database holds the password by design (cyrus-sasl's sasldb), so it lives apart
    // from the run's files that are searched; the daemon's own files stay among them.
    saslDbDir = await mkdtemp(join(tmpdir(), 'virtdeck-sasldb-'));
    const sasl = await makeSaslDatabase(saslDbDir, [{ name: 'vdsecret', password: saslPassword }], ['scram-sha-256']);
    daemon = await startLibvirtd({
      dir: join(saslDir, 'libvirtd'), tcpPort: await freePort(), tlsPort: await freePort(), pki: harness.pki,
      auth: { unixRw: 'sasl', tcp: 'sasl', tls: 'sasl' }, saslConfig: sasl.config,
    });
    const secrets = [saslPassword, sshd.userKeyPassphrase];
    profileDir = await mkdtemp(join(tmpdir(), 'virtdeck-chromium-profile-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: harness.chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    app = await openUiApp(context, renderer.dir);
    const { page } = app;
    await connectAnswering(page, `test+unix:///default?socket=${daemon.unixSocket}`, 'SASL login', saslPassword, 'vdsecret');
    const ssh = `test+libssh://${sshd.user}@127.0.0.1:${String(sshd.port)}/default?socket=${libvirtd.unixSocket}&known_hosts=${sshd.knownHosts}`;
    await connectAnswering(page, `${ssh}&keyfile=${sshd.userKeyEncrypted}&sshauth=privkey`, 'SSH with passphrase', sshd.userKeyPassphrase);
    await page.locator('[data-testid="domain-row"][data-domain-name="test"]').first().waitFor(WAIT);
    // The control: something the page does keep, so the search below must find it.
    await page.getByTestId('theme-switch').selectOption('dark');
    expect(app.problems).toEqual([]);

    const settingsDir = dirname(app.settingsFile);
    expect(await occurrences(settingsDir, secrets)).toEqual([]);
    await app.close();
    app = undefined;
    // Closing the browser makes it write out what it keeps (DOM storage commits lazily).
    await context.close();
    context = undefined;

    expect((await occurrences(profileDir, ['virtdeck.theme'])).some((hit) => hit.includes('Local Storage'))).toBe(true);
    expect(await occurrences(profileDir, secrets)).toEqual([]);
    expect(await occurrences(harness.root, secrets)).toEqual([]);
  }, 120_000);
});
