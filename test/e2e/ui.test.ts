import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HarnessEnv } from '../helpers/harness-env';
import { buildRenderer, launchChromium, REPO_ROOT, type BuiltRenderer } from '../helpers/renderer-build';
import { openUiApp, type UiApp } from '../helpers/ui-app';
import { virsh } from '../helpers/virsh';

const RESULTS = join(REPO_ROOT, 'test-results');
const DOCS = join(REPO_ROOT, 'docs', 'screenshots');
const WAIT = { timeout: 20_000 };

let renderer: BuiltRenderer;
let browser: Browser;
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
  await browser.close();
  await renderer.dispose();
});

async function open(options: { readonly settingsText?: string } = {}): Promise<Page> {
  app = await openUiApp(browser, renderer.dir, options);
  return app.page;
}

async function shoot(page: Page, name: string, forDocs = false): Promise<void> {
  const path = join(RESULTS, `ui-${name}.png`);
  await page.screenshot({ path });
  // The README's copies change only on request (or when missing), so a test run leaves
  // the work tree clean although every run's pixels differ (live CPU figures).
  const docs = join(DOCS, `${name}.png`);
  if (forDocs && (process.env.VIRTDECK_UPDATE_SCREENSHOTS === '1' || !existsSync(docs))) await copyFile(path, docs);
}

function connection(page: Page, name: string): Locator {
  return page.getByTestId('connection-item').filter({ has: page.getByTestId('connection-name').getByText(name, { exact: true }) });
}

function domainRow(page: Page, name: string): Locator {
  return page.locator(`[data-testid="domain-row"][data-domain="${name}"]`);
}

async function addByUri(page: Page, uri: string, name: string, reconnect: boolean): Promise<void> {
  await page.getByTestId('add-connection').click();
  const dialog = page.getByTestId('add-connection-dialog');
  await dialog.getByTestId('tab-raw').click();
  await dialog.getByTestId('field-uri').fill(uri);
  await dialog.getByTestId('field-name').fill(name);
  if (!reconnect) await dialog.getByTestId('field-reconnect').uncheck();
  await dialog.getByTestId('field-name').press('Enter');
  await dialog.waitFor({ state: 'detached', ...WAIT });
}

describe('the Virtdeck window, driven like an admin would', () => {
  it('shows the embedded test host connected, with its host facts and the running domain "test"', async () => {
    const page = await open();
    const embedded = connection(page, 'Embedded test host');
    await expect.poll(() => embedded.getAttribute('data-state'), WAIT).toBe('open');
    await expect(embedded.getByTestId('connection-state').textContent()).resolves.toBe('Connected');
    await page.getByTestId('host-info').waitFor(WAIT);
    await expect(page.getByTestId('host-type').textContent()).resolves.toBe('TEST');
    await expect(page.getByTestId('host-cpu-model').textContent()).resolves.toBe('i686');
    await expect(page.getByTestId('host-cpus').textContent()).resolves.toBe('16');
    const test = domainRow(page, 'test');
    await test.waitFor(WAIT);
    await expect(test.getByTestId('domain-state').getAttribute('data-state')).resolves.toBe('running');
    // The CPU column fills from stats.tick while the table is shown.
    await expect.poll(() => test.getByTestId('domain-cpu').textContent(), WAIT).toMatch(/%$/);
    await page.getByTestId('pools').waitFor(WAIT);
    await shoot(page, 'host-connected', true);

    await page.getByTestId('capabilities-toggle').click();
    await expect(page.getByTestId('capabilities-xml').textContent(WAIT)).resolves.toContain('<capabilities>');
    await page.getByTestId('capabilities-toggle').click();

    // Enter on a focused row opens its XML.
    await test.press('Enter');
    const details = page.getByTestId('domain-details');
    await details.waitFor(WAIT);
    await shoot(page, 'domain-xml');
    await expect(details.locator('[data-testid="domain-xml"], [data-testid="domain-xml-error"]').textContent(WAIT)).resolves.toContain('<name>test</name>');
    await page.keyboard.press('Escape');
    await page.getByTestId('domain-details').waitFor({ state: 'detached', ...WAIT });
    expect(app?.problems).toEqual([]);
  });

  it('adds the harness daemon by raw URI, connects, and shows a change virsh made as it happens', async () => {
    const page = await open();
    await addByUri(page, inject('harness').uris.unix, 'Harness daemon', false);
    const item = connection(page, 'Harness daemon');
    await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('open');
    await expect(item.getByTestId('connection-state').textContent()).resolves.toBe('Connected');
    await expect(page.getByTestId('content-title').textContent()).resolves.toBe('Harness daemon');
    const test = domainRow(page, 'test');
    await test.waitFor(WAIT);
    await expect.poll(() => page.getByTestId('host-type').textContent(), WAIT).toBe('TEST');
    await shoot(page, 'harness-connected');

    // A change made behind the app's back (virsh) arrives as a domain event and shows.
    const state = (): Promise<string | null> => test.getByTestId('domain-state').getAttribute('data-state');
    await expect.poll(state, WAIT).toBe('running');
    const uri = inject('harness').uris.unix;
    try {
      await virsh(uri, 'suspend', 'test');
      await expect.poll(state, WAIT).toBe('paused');
    } finally {
      await virsh(uri, 'resume', 'test');
    }
    await expect.poll(state, WAIT).toBe('running');
    expect(app?.problems).toEqual([]);
  });

  it('says a corrupt settings file was moved aside, and still starts on the embedded host', async () => {
    const page = await open({ settingsText: '{"version": 1, "profiles": [' });
    const notices = page.getByTestId('notices');
    await notices.waitFor(WAIT);
    await expect(notices.textContent()).resolves.toMatch(/settings\.json\.corrupt-/);
    await expect(page.getByText('Embedded test host').first().isVisible()).resolves.toBe(true);
    await notices.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByTestId('notices').count()).resolves.toBe(0);
  });

  it('shows the parser\'s error for a malformed URI and does not add it', async () => {
    const page = await open();
    await page.getByTestId('add-connection').click();
    const dialog = page.getByTestId('add-connection-dialog');
    // The fields tab previews the URI it builds.
    await dialog.getByTestId('field-user').fill('root');
    await dialog.getByTestId('field-host').fill('kvm1.example.org');
    await dialog.getByTestId('field-params').fill('keyfile=/home/admin/.ssh/id_ed25519');
    await expect(dialog.getByTestId('uri-preview').textContent()).resolves.toBe('qemu+ssh://root@kvm1.example.org/system?keyfile=/home/admin/.ssh/id_ed25519');
    await shoot(page, 'add-connection', true);
    await dialog.getByTestId('tab-raw').click();
    await dialog.getByTestId('field-uri').fill('qemu+ssh://host:/system');
    const error = dialog.getByTestId('uri-error');
    await error.waitFor(WAIT);
    expect((await error.textContent())?.length).toBeGreaterThan(10);
    await expect(dialog.getByTestId('add-submit').isDisabled()).resolves.toBe(true);
    await shoot(page, 'add-connection-invalid');
    await dialog.getByTestId('field-uri').press('Enter');
    await dialog.getByTestId('field-uri').press('Escape');
    await dialog.waitFor({ state: 'detached', ...WAIT });
    await expect(page.getByTestId('connection-item').count()).resolves.toBe(1);
    expect(app?.problems).toEqual([]);
  });

  it('pauses and resumes "test", and forces it off only after confirmation', async () => {
    const page = await open();
    const test = domainRow(page, 'test');
    const state = (): Promise<string | null> => test.getByTestId('domain-state').getAttribute('data-state');
    await test.waitFor(WAIT);
    await expect.poll(state, WAIT).toBe('running');

    await test.getByTestId('action-suspend').click();
    await expect.poll(state, WAIT).toBe('paused');
    await expect(test.getByTestId('action-resume').isEnabled()).resolves.toBe(true);
    await test.getByTestId('action-resume').click();
    await expect.poll(state, WAIT).toBe('running');

    await test.getByTestId('action-destroy').click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor(WAIT);
    await expect(confirm.textContent()).resolves.toContain('"test"');
    await shoot(page, 'force-off-confirm');
    await confirm.getByTestId('confirm-cancel').click();
    await confirm.waitFor({ state: 'detached', ...WAIT });
    expect(await state()).toBe('running');

    await test.getByTestId('action-destroy').click();
    await confirm.getByTestId('confirm-ok').click();
    await expect.poll(state, WAIT).toBe('shutoff');
    await expect(test.getByTestId('action-start').isEnabled()).resolves.toBe(true);
    expect(app?.problems).toEqual([]);
  });

  it('shows an unreachable host as failed with "connection refused", and removes it after confirmation', async () => {
    const page = await open();
    await addByUri(page, 'test+tcp://127.0.0.1:1/default', 'Unreachable', false);
    const item = connection(page, 'Unreachable');
    await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('failed');
    const words = await item.getByTestId('connection-state').textContent();
    expect(words).toMatch(/^Failed: /);
    expect(words?.toLowerCase()).toContain('connection refused');
    await shoot(page, 'connection-failed', true);

    await item.getByTestId('connection-remove').click();
    await page.getByTestId('confirm-ok').click();
    await item.waitFor({ state: 'detached', ...WAIT });
    await expect(page.getByTestId('connection-item').count()).resolves.toBe(1);
    expect(app?.problems).toEqual([]);
  });

  it('asks before trusting an unknown SSH host key, showing host, port, fingerprint and where it will be saved', async () => {
    const harness = inject('harness');
    const page = await open();
    // A known_hosts of the test's own, empty, so the daemon's host is unknown.
    const dir = await mkdtemp(join(tmpdir(), 'virtdeck-ui-known-hosts-'));
    try {
      const uri = harness.uris.ssh.replace(`known_hosts=${harness.sshd.knownHosts}`, `known_hosts=${join(dir, 'known_hosts')}`);
      expect(uri).not.toBe(harness.uris.ssh);
      await addByUri(page, uri, 'Over SSH', false);
      const prompt = page.getByTestId('prompt-modal');
      await prompt.waitFor(WAIT);
      await expect(prompt.getByTestId('prompt-host').textContent()).resolves.toBe(`127.0.0.1:${harness.sshd.port}`);
      await expect(prompt.getByTestId('prompt-fingerprint').textContent()).resolves.toBe(harness.sshd.hostKeyFingerprint);
      await expect(prompt.getByTestId('prompt-known-hosts').textContent()).resolves.toBe(join(dir, 'known_hosts'));
      await expect(prompt.getByTestId('prompt-countdown').textContent()).resolves.toMatch(/^\d+s left to answer$/);
      await shoot(page, 'host-key-prompt');

      // Rejected: no connection, in words.
      await prompt.getByTestId('prompt-reject').click();
      await prompt.waitFor({ state: 'detached', ...WAIT });
      const item = connection(page, 'Over SSH');
      await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('failed');
      await expect(item.getByTestId('connection-state').textContent()).resolves.toContain('not trusted');
      // The main area says what to do about it, naming the known_hosts file.
      await item.getByTestId('connection-name').click();
      await expect(page.getByTestId('connection-error').getAttribute('data-error-kind')).resolves.toBe('host-key');
      await expect(page.getByTestId('connection-error-advice').textContent()).resolves.toContain(`is not in ${join(dir, 'known_hosts')} and was not trusted`);

      // Asked again, and trusted: connected.
      await item.getByTestId('connection-open').click();
      await prompt.getByTestId('prompt-accept').click();
      await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('open');
      await domainRow(page, 'test').waitFor(WAIT);
      expect(app?.problems).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('asks a pending host-key question again after the page reloads, and connects once it is answered there', async () => {
    const harness = inject('harness');
    const page = await open();
    const dir = await mkdtemp(join(tmpdir(), 'virtdeck-ui-reload-'));
    try {
      const uri = harness.uris.ssh.replace(`known_hosts=${harness.sshd.knownHosts}`, `known_hosts=${join(dir, 'known_hosts')}`);
      await addByUri(page, uri, 'Reloaded SSH', false);
      const prompt = page.getByTestId('prompt-modal');
      await prompt.waitFor(WAIT);
      const item = connection(page, 'Reloaded SSH');
      await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('authenticating');
      await expect(item.getByTestId('connection-state').textContent()).resolves.toBe('Waiting for you: check the host key');

      // The page that was asked is gone; main still waits, and the new page asks again.
      await page.reload();
      await prompt.waitFor(WAIT);
      await expect(prompt.getByTestId('prompt-fingerprint').textContent()).resolves.toBe(harness.sshd.hostKeyFingerprint);
      await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('authenticating');
      await prompt.getByTestId('prompt-accept').click();
      await prompt.waitFor({ state: 'detached', ...WAIT });
      await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('open');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['password', (h: HarnessEnv) => ({ auth: 'sshauth=password', secret: h.sshd.password })],
    ['key passphrase', (h: HarnessEnv) => ({ auth: `keyfile=${h.sshd.userKeyEncrypted}&sshauth=privkey`, secret: h.sshd.userKeyPassphrase })],
  ])('asks for an SSH %s in a password field and connects with it', async (what, pick) => {
    const harness = inject('harness');
    const { sshd, libvirtd } = harness;
    const { auth, secret } = pick(harness);
    const page = await open();
    const uri = `test+libssh://${sshd.user}@127.0.0.1:${sshd.port}/default?socket=${libvirtd.unixSocket}&known_hosts=${sshd.knownHosts}&${auth}`;
    await addByUri(page, uri, `SSH with ${what}`, false);
    const prompt = page.getByTestId('prompt-modal');
    await prompt.waitFor(WAIT);
    const field = prompt.getByTestId('prompt-secret');
    await expect(field.getAttribute('type')).resolves.toBe('password');
    await field.fill(secret);
    await field.press('Enter');
    await prompt.waitFor({ state: 'detached', ...WAIT });
    const item = connection(page, `SSH with ${what}`);
    await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('open');
    await domainRow(page, 'test').waitFor(WAIT);
    // Nothing the page keeps in storage holds the secret. A string, since this file
    // compiles without the DOM's types.
    const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })');
    expect(stored).not.toContain(secret);
    expect(app?.problems).toEqual([]);
  });
});
