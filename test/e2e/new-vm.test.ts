import type { Browser, Page } from 'playwright-core';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildRenderer, launchChromium, type BuiltRenderer } from '../helpers/renderer-build';
import { openUiApp, type UiApp } from '../helpers/ui-app';
import { virsh } from '../helpers/virsh';

/**
 * The New VM assistant once, end to end, with the keyboard alone: Chromium through the
 * bridge, main's real services, libvirtd's test driver; virsh checks what was defined.
 */
const harness = inject('harness');
const WAIT = { timeout: 20_000 };
const POOL = 'default-pool';
const tag = `vd14b-e2e-${process.pid}`;
const iso = `${tag}.iso`;
let renderer: BuiltRenderer;
let browser: Browser;
let app: UiApp | undefined;

beforeAll(async () => {
  renderer = await buildRenderer();
  browser = await launchChromium(harness.chromium);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await browser.close();
  await renderer.dispose();
  const names = (await virsh(harness.uris.unix, 'list', '--all', '--name')).split('\n').map((l) => l.trim()).filter((n) => n.startsWith(tag));
  for (const name of names) await virsh(harness.uris.unix, 'undefine', name);
  const volumes = (await virsh(harness.uris.unix, 'vol-list', POOL)).split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((n) => n.startsWith(tag));
  for (const volume of volumes) await virsh(harness.uris.unix, 'vol-delete', '--pool', POOL, volume);
});

function focused(page: Page): Promise<string | null> {
  return page.evaluate<string | null>('document.activeElement && document.activeElement.getAttribute("data-testid")');
}

/** Tab (the dialog keeps the focus inside) until the control with this test id has it. */
async function tabTo(page: Page, testId: string): Promise<void> {
  for (let i = 0; i < 30 && (await focused(page)) !== testId; i += 1) await page.keyboard.press('Tab');
  expect(await focused(page)).toBe(testId);
}

async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  await tabTo(page, testId);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

async function step(page: Page): Promise<string | null> {
  return page.getByTestId('new-vm-form').getAttribute('data-step');
}

describe('the New VM assistant', () => {
  it('defines a Windows VM with a new disk and an ISO, keyboard only, refusing memory over the host\'s on the way', async () => {
    const settingsText = JSON.stringify({ version: 1, profiles: [{ id: 'e2e', uri: harness.uris.unix, name: 'Test daemon', autoconnect: true, reconnect: false }] });
    app = await openUiApp(browser, renderer.dir, { settingsText });
    const page = app.page;
    const item = page.getByTestId('connection-item').filter({ hasText: 'Test daemon' });
    await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('open');
    // The ISO the assistant installs from, already on the host as a pool volume. Made while the
    // app holds a connection: the test driver drops its state when its last connection closes.
    await virsh(harness.uris.unix, 'vol-create-as', POOL, iso, '4M', '--format', 'raw');
    await item.click();
    const name = `${tag}-win`;

    await page.getByTestId('new-vm-open').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('new-vm-form').waitFor(WAIT);
    await typeInto(page, 'newvm-name', name);
    // ISO is the default source; the pool's volumes load, then the ISO is chosen by typing its name.
    await page.locator(`[data-testid="newvm-iso-volume"] option[value="${iso}"]`).waitFor({ state: 'attached', ...WAIT });
    await tabTo(page, 'newvm-iso-volume');
    await page.keyboard.type(iso);
    await expect(page.getByTestId('newvm-iso-volume').inputValue()).resolves.toBe(iso);
    await tabTo(page, 'new-vm-next');
    await page.keyboard.press('Enter');

    expect(await step(page)).toBe('os');
    await tabTo(page, 'newvm-preset');
    await page.keyboard.type('Windows');
    await tabTo(page, 'new-vm-next');
    await page.keyboard.press('Enter');

    expect(await step(page)).toBe('resources');
    await typeInto(page, 'newvm-vcpus', '2');
    // More than the test driver's host has: refused here, in words, and the step stays.
    await typeInto(page, 'newvm-memory', '99999999');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('new-vm-problems').textContent()).resolves.toMatch(/more than the host's/);
    expect(await step(page)).toBe('resources');
    await typeInto(page, 'newvm-memory', '512');
    await page.keyboard.press('Enter');

    expect(await step(page)).toBe('storage');
    await typeInto(page, 'newvm-disk-size', '16');
    await page.keyboard.press('Enter');

    expect(await step(page)).toBe('network');
    await tabTo(page, 'new-vm-next');
    await page.keyboard.press('Enter');

    expect(await step(page)).toBe('review');
    await expect(page.getByTestId('new-vm-xml').textContent()).resolves.toContain(`<name>${name}</name>`);
    // What the admin edits in the XML is what gets defined: a description after <domain ...>.
    await page.getByTestId('new-vm-xml').locator('.cm-content').focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.insertText('<description>edited at review</description>');
    await tabTo(page, 'new-vm-create');
    await page.keyboard.press('Enter');
    await page.getByTestId('domain-details').waitFor(WAIT);
    expect(app.problems).toEqual([]);

    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (n) => ['disk', 'interface', 'graphics', 'input'].includes(n) });
    const dom = (parser.parse(await virsh(harness.uris.unix, 'dumpxml', name)) as { domain: Record<string, Record<string, unknown>> }).domain;
    expect(dom.description).toBe('edited at review');
    expect(dom.vcpu).toMatchObject({ '#text': '2' });
    expect(dom.memory).toMatchObject({ '#text': String(512 * 1024) });
    const devices = dom.devices ?? {};
    expect(devices.disk).toEqual([
      expect.objectContaining({ '@device': 'disk', source: { '@pool': POOL, '@volume': `${name}.qcow2` }, target: { '@dev': 'sda', '@bus': 'sata' } }),
      expect.objectContaining({ '@device': 'cdrom', source: { '@pool': POOL, '@volume': iso } }),
    ]);
    expect(devices.interface).toEqual([expect.objectContaining({ source: { '@network': 'default' }, model: { '@type': 'e1000e' } })]);
    expect(devices.input).toContainEqual(expect.objectContaining({ '@type': 'tablet', '@bus': 'usb' }));
    expect(await virsh(harness.uris.unix, 'vol-info', '--pool', POOL, `${name}.qcow2`)).toMatch(/Capacity:\s+16\.00 MiB/);
  }, 120_000);
});
