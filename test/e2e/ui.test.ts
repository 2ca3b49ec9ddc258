import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { HarnessEnv } from '../helpers/harness-env';
import type { UiAppOptions } from '../helpers/ui-app';
import { addByUri, connectionItem, shoot, useUiSession } from '../helpers/ui-session';
import { openUri } from '../../electron/libvirt/connect';
import { TEST_DOMAIN_PREFIX } from '../helpers/test-domains';
import { writeTestDriverHost } from '../helpers/test-driver-file';
import { virsh } from '../helpers/virsh';

const WAIT = { timeout: 20_000 };
const ui = useUiSession();
const open = (options?: UiAppOptions): Promise<Page> => ui.open(options);
const connection = connectionItem;

function domainRow(page: Page, name: string): Locator {
  return page.locator(`[data-testid="domain-row"][data-domain-name="${name}"]`);
}

/** Chooses a connection's menu entry through its menu button (the same entries as a right-click). */
async function connectionMenu(page: Page, item: Locator, entry: string): Promise<void> {
  await item.getByTestId('connection-menu').click();
  await page.getByTestId(entry).click();
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
    // Its sparkline draws the last minute from the store's ring, a point a tick.
    await expect.poll(async () => Number(await test.getByTestId('sparkline').getAttribute('data-points')), WAIT).toBeGreaterThanOrEqual(3);
    // Drawn, not only counted: uPlot is fetched the first time a chart has something to draw.
    await test.getByTestId('sparkline').locator('canvas').first().waitFor({ state: 'attached', ...WAIT });
    await page.getByTestId('pools').waitFor(WAIT);
    await shoot(page, 'host-connected', { forDocs: true });

    await page.getByTestId('capabilities-toggle').click();
    await expect(page.getByTestId('capabilities-xml').textContent(WAIT)).resolves.toContain('<capabilities>');
    await page.getByTestId('capabilities-toggle').click();

    // A click selects the row and focuses the list; Enter opens its details.
    await test.click();
    await page.getByTestId('domain-scroller').press('Enter');
    const details = page.getByTestId('domain-details');
    await details.waitFor(WAIT);
    await expect(details.getByTestId('detail-uuid').textContent()).resolves.toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => details.getByTestId('detail-os').textContent(), WAIT).toContain('hvm');
    await details.getByTestId('details-tab-xml').click();
    // The XML is CodeMirror's, highlighted: the name sits in tokens of its own.
    const xml = details.getByTestId('xml-view');
    await expect.poll(() => xml.locator('.cm-content').textContent(), WAIT).toContain('<name>test</name>');
    expect(await xml.locator('.cm-content span').count()).toBeGreaterThan(10);
    await shoot(page, 'domain-xml', { forDocs: true });
    await page.keyboard.press('Escape');
    await page.getByTestId('domain-details').waitFor({ state: 'detached', ...WAIT });
    expect(ui.problems()).toEqual([]);
  });

  it('adds the harness daemon by raw URI, connects, and shows a change virsh made as it happens', async () => {
    const page = await open();
    await addByUri(page, inject('harness').uris.unix, 'Harness daemon', { reconnect: false, timeoutMs: WAIT.timeout });
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
    expect(ui.problems()).toEqual([]);
  });

  it("shows a domain's state reason, persistence and autostart as virsh does, and switches autostart", async () => {
    const harness = inject('harness');
    const name = `${TEST_DOMAIN_PREFIX}overview-${process.pid}`;
    const autostart = async (): Promise<string | undefined> =>
      (await virsh(harness.uris.unix, 'dominfo', name)).split('\n').find((l) => l.startsWith('Autostart:'))?.slice('Autostart:'.length).trim();
    // libvirt frees test:///default's state when its last connection closes: this one keeps
    // it (and the domain) alive between virsh's short-lived connections.
    const holder = await openUri(harness.uris.unix);
    try {
      const dom = await holder.createDomain(await holder.defineDomain(`<domain type='test'><name>${name}</name><memory>65536</memory><os><type>hvm</type></os></domain>`));
      await holder.suspendDomain(dom);
      const page = await open();
      await addByUri(page, harness.uris.unix, 'Harness daemon', { reconnect: false, timeoutMs: WAIT.timeout });
      const row = domainRow(page, name);
      await row.waitFor(WAIT);
      await row.dblclick();
      const details = page.getByTestId('domain-details');
      await details.waitFor(WAIT);
      const reason = /\((.+)\)$/.exec((await virsh(harness.uris.unix, 'domstate', '--reason', name)).trim())?.[1];
      await expect.poll(() => details.getByTestId('detail-reason').textContent(), WAIT).toBe(reason);
      await expect(details.getByTestId('detail-persistent').textContent()).resolves.toMatch(/^yes/);
      const box = details.getByTestId('detail-autostart');
      await expect(box.isChecked()).resolves.toBe((await autostart()) === 'enable');
      await box.click();
      await expect.poll(autostart, WAIT).toBe('enable');
      await expect.poll(() => box.isChecked(), WAIT).toBe(true);
      await shoot(page, 'domain-overview', { forDocs: true });
      await box.click();
      await expect.poll(autostart, WAIT).toBe('disable');
      expect(ui.problems()).toEqual([]);
    } finally {
      const dom = await holder.lookupDomainByName(name).catch(() => null);
      if (dom !== null) {
        await holder.destroyDomain(dom).catch(() => undefined);
        await holder.undefineDomain(dom).catch(() => undefined);
      }
      await holder.close();
    }
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
    await dialog.getByTestId('param-add').selectOption('keyfile');
    await expect(dialog.getByTestId('param-row').textContent()).resolves.toContain('private key');
    await dialog.getByTestId('param-value').fill('/home/admin/.ssh/id_ed25519');
    await expect(dialog.getByTestId('uri-preview').textContent()).resolves.toBe('qemu+ssh://root@kvm1.example.org/system?keyfile=/home/admin/.ssh/id_ed25519');
    await shoot(page, 'add-connection', { forDocs: true });
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
    expect(ui.problems()).toEqual([]);
  });

  it('pauses and resumes "test", and forces it off only after confirmation', async () => {
    const page = await open();
    const test = domainRow(page, 'test');
    const state = (): Promise<string | null> => test.getByTestId('domain-state').getAttribute('data-state');
    await test.waitFor(WAIT);
    await expect.poll(state, WAIT).toBe('running');

    const toolbar = page.getByTestId('bulk-actions');
    await test.click();
    await toolbar.getByTestId('action-suspend').click();
    await expect.poll(state, WAIT).toBe('paused');
    await expect(toolbar.getByTestId('action-resume').isEnabled()).resolves.toBe(true);
    await toolbar.getByTestId('action-resume').click();
    await expect.poll(state, WAIT).toBe('running');

    await toolbar.getByTestId('action-destroy').click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor(WAIT);
    await expect(confirm.textContent()).resolves.toContain('"test"');
    await shoot(page, 'force-off-confirm');
    await confirm.getByTestId('confirm-cancel').click();
    await confirm.waitFor({ state: 'detached', ...WAIT });
    expect(await state()).toBe('running');

    // The same action from the row's right-click menu.
    await test.click({ button: 'right' });
    await page.getByTestId('domain-context-menu').getByTestId('menu-destroy').click();
    await confirm.getByTestId('confirm-ok').click();
    await expect.poll(state, WAIT).toBe('shutoff');
    await expect(toolbar.getByTestId('action-start').isEnabled()).resolves.toBe(true);
    expect(ui.problems()).toEqual([]);
  });

  it('shows an unreachable host as failed with "connection refused", and removes it after confirmation', async () => {
    const page = await open();
    await addByUri(page, 'test+tcp://127.0.0.1:1/default', 'Unreachable', { reconnect: false, timeoutMs: WAIT.timeout });
    const item = connection(page, 'Unreachable');
    await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('failed');
    const words = await item.getByTestId('connection-state').textContent();
    expect(words).toMatch(/^Failed: /);
    expect(words?.toLowerCase()).toContain('connection refused');
    await shoot(page, 'connection-failed', { forDocs: true });

    await connectionMenu(page, item, 'menu-remove');
    await page.getByTestId('confirm-ok').click();
    await item.waitFor({ state: 'detached', ...WAIT });
    await expect(page.getByTestId('connection-item').count()).resolves.toBe(1);
    expect(ui.problems()).toEqual([]);
  });

  it('asks before trusting an unknown SSH host key, showing host, port, fingerprint and where it will be saved', async () => {
    const harness = inject('harness');
    const page = await open();
    // A known_hosts of the test's own, empty, so the daemon's host is unknown.
    const dir = await mkdtemp(join(tmpdir(), 'virtdeck-ui-known-hosts-'));
    try {
      const uri = harness.uris.ssh.replace(`known_hosts=${harness.sshd.knownHosts}`, `known_hosts=${join(dir, 'known_hosts')}`);
      expect(uri).not.toBe(harness.uris.ssh);
      await addByUri(page, uri, 'Over SSH', { reconnect: false, timeoutMs: WAIT.timeout });
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
      // Its domains also sit beneath it in the tree, and it says how it travels.
      await item.locator('[data-testid="tree-domain"][data-domain-name="test"]').waitFor(WAIT);
      await expect(item.getByTestId('connection-transport').textContent()).resolves.toMatch(/^SSH, encrypted/);
      expect(ui.problems()).toEqual([]);
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
      await addByUri(page, uri, 'Reloaded SSH', { reconnect: false, timeoutMs: WAIT.timeout });
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
    await addByUri(page, uri, `SSH with ${what}`, { reconnect: false, timeoutMs: WAIT.timeout });
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
    expect(ui.problems()).toEqual([]);
  });

  it('adds a TCP connection from fields after Test connection succeeds, reconnects on an edited path, filters 1,000 domains to one and bulk-pauses three', async () => {
    const harness = inject('harness');
    const page = await open();
    await page.getByTestId('add-connection').click();
    const dialog = page.getByTestId('add-connection-dialog');
    await dialog.getByTestId('field-hypervisor').fill('test');
    await dialog.getByTestId('field-transport').selectOption('tcp');
    await dialog.getByTestId('field-host').fill('127.0.0.1');
    await dialog.getByTestId('field-port').fill(String(harness.libvirtd.tcpPort));
    await dialog.getByTestId('field-path').fill('/default');
    await expect(dialog.getByTestId('uri-preview').textContent()).resolves.toBe(harness.uris.tcp);
    // The raw tab follows the fields.
    await dialog.getByTestId('tab-raw').click();
    await expect(dialog.getByTestId('field-uri').inputValue()).resolves.toBe(harness.uris.tcp);
    await dialog.getByTestId('test-connection').click();
    const result = dialog.getByTestId('test-result');
    await expect.poll(() => result.getAttribute('data-outcome'), WAIT).toBe('passed');
    await expect(result.textContent()).resolves.toMatch(/TEST .*libvirt \d+\.\d+\.\d+/);
    expect((await dialog.getByTestId('test-hostname').textContent())?.length).toBeGreaterThan(0);
    await shoot(page, 'test-connection', { forDocs: true });
    await dialog.getByTestId('field-name').fill('Harness TCP');
    await dialog.getByTestId('field-reconnect').uncheck();
    await dialog.getByTestId('add-submit').click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    const item = connection(page, 'Harness TCP');
    await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('open');
    await expect(item.getByTestId('connection-transport').textContent()).resolves.toBe('TCP, not encrypted');
    await domainRow(page, 'test').waitFor(WAIT);

    // Edit it to another path, a host file of 1,000 domains: it reconnects there.
    const generated = await writeTestDriverHost(join(harness.root, 'ui-generated-host.xml'), 1000);
    await connectionMenu(page, item, 'menu-edit');
    await dialog.waitFor(WAIT);
    await expect(dialog.getByTestId('field-uri').inputValue()).resolves.toBe(harness.uris.tcp);
    await dialog.getByTestId('tab-fields').click();
    await expect(dialog.getByTestId('field-port').inputValue()).resolves.toBe(String(harness.libvirtd.tcpPort));
    await dialog.getByTestId('field-path').fill(generated.path);
    await dialog.getByTestId('add-submit').click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    await domainRow(page, 'gen-0000').waitFor(WAIT);
    await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('open');
    await expect(page.getByTestId('domain-count').textContent()).resolves.toBe('1000 domains');
    // Virtualized: the DOM holds the rows in view, not a thousand.
    const rows = await page.getByTestId('domain-row').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(60);
    // A shut-off domain has no CPU readings, so its row makes no plot at all.
    const shutOff = domainRow(page, 'gen-0002');
    await expect(shutOff.getByTestId('domain-state').getAttribute('data-state')).resolves.toBe('shutoff');
    await expect(shutOff.getByTestId('sparkline').getAttribute('data-points')).resolves.toBe('0');
    await expect(shutOff.getByTestId('sparkline').locator('canvas').count()).resolves.toBe(0);
    await shoot(page, 'domain-list-1000', { forDocs: true });

    // Filtered down to one.
    const filter = page.getByTestId('domain-filter');
    await filter.fill('gen-0421');
    await expect.poll(() => page.getByTestId('domain-row').count(), WAIT).toBe(1);
    await expect(page.getByTestId('domain-row').getAttribute('data-domain-name')).resolves.toBe('gen-0421');

    // Three running domains chosen with Ctrl, paused in one go after one confirmation.
    await filter.fill('gen-000');
    await page.getByTestId('chip-running').click();
    await expect.poll(() => page.getByTestId('domain-row').count(), WAIT).toBe(4);
    const three = ['gen-0000', 'gen-0003', 'gen-0006'];
    await domainRow(page, 'gen-0000').click();
    await domainRow(page, 'gen-0003').click({ modifiers: ['Control'] });
    await domainRow(page, 'gen-0006').click({ modifiers: ['Control'] });
    await page.getByTestId('chip-running').click();
    await expect(page.getByTestId('domain-count').textContent()).resolves.toBe('10 of 1000 shown · 3 selected');
    await page.getByTestId('bulk-actions').getByTestId('action-suspend').click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor(WAIT);
    await expect(confirm.getByTestId('bulk-plan-apply').locator('li').allTextContents()).resolves.toEqual(three);
    await shoot(page, 'bulk-confirm', { forDocs: true });
    await confirm.getByTestId('confirm-ok').click();
    for (const name of three) {
      await expect.poll(() => domainRow(page, name).getByTestId('domain-state').getAttribute('data-state'), WAIT).toBe('paused');
    }
    await page.getByTestId('chip-paused').click();
    await filter.fill('');
    // 333 were paused by the file, three more by us.
    await expect.poll(() => page.getByTestId('domain-count').textContent(), WAIT).toMatch(/^336 of 1000 shown/);
    expect(ui.problems()).toEqual([]);
    // Many steps, each bounded by WAIT: the whole may outlast the default on a loaded machine.
  }, 180_000);

  it('shows a wrong host\'s exact error and what to do about it when tested', async () => {
    const page = await open();
    await page.getByTestId('add-connection').click();
    const dialog = page.getByTestId('add-connection-dialog');
    await dialog.getByTestId('tab-raw').click();
    await dialog.getByTestId('field-uri').fill('test+tcp://127.0.0.1:1/default');
    await dialog.getByTestId('test-connection').click();
    const result = dialog.getByTestId('test-result');
    await expect.poll(() => result.getAttribute('data-outcome'), WAIT).toBe('failed');
    await expect(dialog.getByTestId('test-error').textContent()).resolves.toMatch(/connection refused/i);
    await expect(dialog.getByTestId('test-error').getAttribute('data-error-kind')).resolves.toBe('transport');
    await expect(dialog.getByTestId('test-error-advice').textContent()).resolves.toMatch(/port/);
    await shoot(page, 'test-connection-failed', { forDocs: true });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', ...WAIT });
    await expect(page.getByTestId('connection-item').count()).resolves.toBe(1);

    // Rename's refusal is main's error by kind too: a name over the contract's limit.
    await connectionMenu(page, connection(page, 'Embedded test host'), 'menu-rename');
    const rename = page.getByTestId('rename-dialog');
    await rename.getByTestId('rename-name').fill('x'.repeat(201));
    await rename.getByTestId('rename-submit').click();
    await expect(rename.getByTestId('rename-error').getAttribute('data-error-kind', WAIT)).resolves.toBe('invalid-argument');
    await page.keyboard.press('Escape');
    await rename.waitFor({ state: 'detached', ...WAIT });
    expect(ui.problems()).toEqual([]);
  });

  it('adds a connection with the keyboard alone, and gives the focus back', async () => {
    const page = await open();
    const focused = (): Promise<string | null> => page.evaluate<string | null>('document.activeElement && document.activeElement.getAttribute("data-testid")');
    for (let i = 0; i < 15 && (await focused()) !== 'add-connection'; i += 1) await page.keyboard.press('Tab');
    expect(await focused()).toBe('add-connection');
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('add-connection-dialog');
    await dialog.waitFor(WAIT);
    // Focus is inside the dialog: on the tabs, where the arrows switch to the URI tab.
    await expect.poll(focused, WAIT).toBe('tab-fields');
    await page.keyboard.press('ArrowRight');
    // Radix moves a tab's focus on the next task.
    await expect.poll(focused, WAIT).toBe('tab-raw');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('field-uri');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(inject('harness').uris.unix);
    for (let i = 0; i < 5 && (await focused()) !== 'field-name'; i += 1) await page.keyboard.press('Tab');
    expect(await focused()).toBe('field-name');
    await page.keyboard.type('Typed in');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached', ...WAIT });
    await expect.poll(focused, WAIT).toBe('add-connection');
    const item = connection(page, 'Typed in');
    await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('open');
    // And the tree by keyboard: down to the new host, Delete asks before removing it.
    await page.getByTestId('connection-item').first().focus();
    for (let i = 0; i < 20 && (await page.evaluate<string | null>('document.activeElement && document.activeElement.getAttribute("aria-label")'))?.startsWith('Typed in') !== true; i += 1) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Delete');
    await page.getByTestId('confirm-dialog').waitFor(WAIT);
    await page.keyboard.press('Escape');
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached', ...WAIT });
    await expect(page.getByTestId('connection-item').count()).resolves.toBe(2);
    expect(ui.problems()).toEqual([]);
  });
});
