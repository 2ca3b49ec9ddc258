import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildRenderer, launchChromium, type BuiltRenderer } from '../helpers/renderer-build';
import { consoleTcgDomainXml, removeTestDomains, TEST_DOMAIN_PREFIX } from '../helpers/test-domains';
import { openUiApp, type UiApp } from '../helpers/ui-app';
import { virsh } from '../helpers/virsh';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The consoles in the real UI, in Chromium through the bridge, on a real TCG VM reached
 * over SSH: noVNC draws the VM's screen through a channel on the connection's own SSH
 * session, and the serial console shows SeaBIOS until the VM is destroyed.
 */
const harness = inject('harness');
const WAIT = { timeout: 30_000 };
const name = `${TEST_DOMAIN_PREFIX}ui-console-${process.pid}`;
const lockedName = `${TEST_DOMAIN_PREFIX}ui-vnc-pw-${process.pid}`;
/** QEMU's VNC authentication uses the first 8 bytes; the test's differ within them. */
const VNC_PASSWORD = 'Vd7-sEcr';
const sshUri =
  `qemu+libssh://${harness.sshd.user}@127.0.0.1:${harness.sshd.port}/system` +
  `?socket=${harness.libvirtd.unixSocket}&keyfile=${harness.sshd.userKey}&known_hosts=${harness.sshd.knownHosts}&sshauth=privkey`;

let renderer: BuiltRenderer;
let browser: Browser;
let app: UiApp | undefined;
let dir: string;

beforeAll(async () => {
  renderer = await buildRenderer();
  browser = await launchChromium(harness.chromium);
  dir = await mkdtemp(join(tmpdir(), 'virtdeck-ui-console-'));
  const xml = join(dir, 'domain.xml');
  await writeFile(xml, consoleTcgDomainXml(name));
  await virsh(harness.uris.qemu, 'define', xml);
  await virsh(harness.uris.qemu, 'start', name);
  const lockedXml = join(dir, 'locked.xml');
  await writeFile(lockedXml, consoleTcgDomainXml(lockedName, VNC_PASSWORD));
  await virsh(harness.uris.qemu, 'define', lockedXml);
  await virsh(harness.uris.qemu, 'start', lockedName);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await browser.close();
  await renderer.dispose();
  await removeTestDomains(harness.uris.qemu);
  await rm(dir, { recursive: true, force: true });
});

async function addSshConnection(page: Page): Promise<void> {
  await page.getByTestId('add-connection').click();
  const dialog = page.getByTestId('add-connection-dialog');
  await dialog.getByTestId('tab-raw').click();
  await dialog.getByTestId('field-uri').fill(sshUri);
  await dialog.getByTestId('field-name').fill('TCG over SSH');
  await dialog.getByTestId('field-name').press('Enter');
  await dialog.waitFor({ state: 'detached', ...WAIT });
}

/** How many pixels of the canvas are not black (noVNC draws into a 2D canvas). */
// In the page, where the DOM exists (this file is compiled without DOM types).
const LIT_PIXELS = `(() => {
  const canvas = document.querySelector('[data-testid="vnc-screen"] canvas');
  const context = canvas && canvas.getContext('2d');
  if (!context || canvas.width === 0 || canvas.height === 0) return 0;
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let lit = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 60) lit += 1;
  return lit;
})()`;

function litPixels(page: Page): Promise<number> {
  return page.evaluate<number>(LIT_PIXELS);
}

describe('consoles in the UI', () => {
  it('shows the VM screen through noVNC over the SSH session the connection already has', async () => {
    const logBefore = (await readFile(harness.sshd.logFile, 'utf8')).length;
    app = await openUiApp(browser, renderer.dir);
    const page = app.page;
    await addSshConnection(page);
    const row = page.locator(`[data-testid="domain-row"][data-domain-name="${name}"]`);
    await row.waitFor(WAIT);
    // The list's keyboard acts on its active row; a double click opens this very one.
    await row.dblclick();
    const details = page.getByTestId('domain-details');
    await details.waitFor(WAIT);
    await details.getByTestId('show-vnc-console').click();
    const vnc = page.getByTestId('vnc-console');
    await expect.poll(async () => `${await vnc.getAttribute('data-console-state')}: ${await vnc.textContent()}`, WAIT).toMatch(/^open/);
    await page.locator('[data-testid="vnc-screen"] canvas').waitFor({ state: 'attached', ...WAIT });
    await expect.poll(() => litPixels(page), { timeout: 60_000 }).toBeGreaterThan(100);
    await page.screenshot({ path: join('test-results', 'ui-vnc-console.png') }).catch(() => undefined);

    const log = (await readFile(harness.sshd.logFile, 'utf8')).slice(logBefore);
    const logins = log.split('\n').filter((line) => line.includes('Accepted publickey'));
    expect(logins).toHaveLength(1);
    expect(app.problems.filter((p) => !p.includes('secure context'))).toEqual([]);
  }, 120_000);

  it('shows SeaBIOS on the serial console, and says so when the VM is destroyed', async () => {
    if (app === undefined) throw new Error('the previous test opened no app');
    const page = app.page;
    const details = page.getByTestId('domain-details');
    await details.getByTestId('show-serial-console').click();
    const serial = page.getByTestId('serial-console');
    const terminalRows = page.locator('[data-testid="serial-terminal"] .xterm-rows');
    // The state and any banner come first, so a failure says what the console showed instead.
    await expect.poll(async () => `${await serial.getAttribute('data-console-state')} | ${(await serial.locator('.console-banner').allTextContents()).join(' ')} | ${await terminalRows.textContent()}`, WAIT).toContain('SeaBIOS');
    await virsh(harness.uris.qemu, 'destroy', name);
    await page.getByTestId('console-ended').waitFor(WAIT);
    await expect(page.getByTestId('serial-console').getAttribute('data-console-state')).resolves.toBe('ended');
  }, 120_000);

  it('asks a VNC password through the prompt port: a wrong one is said to be wrong, the right one draws the screen', async () => {
    if (app === undefined) throw new Error('the first test opened no app');
    const page = app.page;
    await page.getByTestId('details-close').click();
    await page.getByTestId('domain-details').waitFor({ state: 'detached', ...WAIT });
    const row = page.locator(`[data-testid="domain-row"][data-domain-name="${lockedName}"]`);
    await row.waitFor(WAIT);
    await row.dblclick();
    const details = page.getByTestId('domain-details');
    await details.waitFor(WAIT);
    await details.getByTestId('show-vnc-console').click();

    const prompt = page.getByTestId('prompt-modal');
    await prompt.waitFor(WAIT);
    await expect(prompt.textContent()).resolves.toContain(`VNC password for ${lockedName}`);
    await expect(prompt.textContent()).resolves.not.toContain('Wrong password');
    await prompt.getByTestId('prompt-secret').fill('wrong-pw');
    await prompt.getByTestId('prompt-submit').click();

    const vncState = async (): Promise<string> => {
      const vnc = page.getByTestId('vnc-console');
      return (await vnc.count()) === 1 ? `${String(await vnc.getAttribute('data-console-state'))}: ${(await vnc.locator('.console-banner').allTextContents()).join(' ')}` : 'no VNC view';
    };
    // The view's state comes first, so a failure says what the page showed instead.
    await expect.poll(async () => `${await vncState()} | ${(await prompt.count()) === 1 ? await prompt.textContent() : 'no prompt'}`, WAIT).toContain('Wrong password');
    await prompt.getByTestId('prompt-secret').fill(VNC_PASSWORD);
    await prompt.getByTestId('prompt-submit').click();
    await prompt.waitFor({ state: 'detached', ...WAIT });

    const vnc = page.getByTestId('vnc-console');
    await expect.poll(async () => `${await vnc.getAttribute('data-console-state')}: ${await vnc.textContent()}`, WAIT).toMatch(/^open/);
    await page.locator('[data-testid="vnc-screen"] canvas').waitFor({ state: 'attached', ...WAIT });
    await expect.poll(() => litPixels(page), { timeout: 60_000 }).toBeGreaterThan(100);
    // The answer left with the prompt: nothing in the page holds it.
    await expect(page.content()).resolves.not.toContain(VNC_PASSWORD);
  }, 120_000);
});
