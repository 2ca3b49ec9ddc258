/**
 * The host page in Debian's Chromium on main's real services: live host graphs from the
 * harness's QEMU driver, a real TCG VM's CPU graph filling as it runs, networks and pools
 * acted on (stop only after confirmation) and kept live by events, and the themes.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { removeTestDomains, TEST_DOMAIN_PREFIX, tinyTcgDomainXml } from '../helpers/test-domains';
import { addByUri, shoot, useUiSession } from '../helpers/ui-session';
import { virsh } from '../helpers/virsh';

const WAIT = { timeout: 30_000 };
const ui = useUiSession({ cleanUp: () => removeTestDomains(inject('harness').uris.qemu) });
const open = (): Promise<Page> => ui.open();
const addAndOpen = (page: Page, uri: string, name: string): Promise<void> => addByUri(page, uri, name, { reconnect: false, waitOpen: true, timeoutMs: WAIT.timeout });

const points = async (page: Page, testId: string): Promise<number> => Number(await page.getByTestId(testId).first().getAttribute('data-points'));

describe('the host page', () => {
  it('draws the QEMU host CPU and memory from the node counters, and shows the link, latency and capabilities', async () => {
    const harness = inject('harness');
    const page = await open();
    await addAndOpen(page, harness.uris.qemu, 'QEMU host');
    const graphs = page.getByTestId('host-graphs');
    await graphs.waitFor(WAIT);
    await expect.poll(() => points(page, 'host-cpu-graph'), WAIT).toBeGreaterThanOrEqual(3);
    await expect.poll(() => points(page, 'host-memory-graph'), WAIT).toBeGreaterThanOrEqual(3);
    // The plots themselves, not only the counts: uPlot is fetched on first need and draws on a canvas.
    await page.getByTestId('host-cpu-graph').locator('canvas').first().waitFor({ state: 'attached', ...WAIT });
    await page.getByTestId('host-memory-graph').locator('canvas').first().waitFor({ state: 'attached', ...WAIT });
    await expect(page.getByTestId('host-transport').textContent()).resolves.toContain('Unix socket');
    await expect.poll(() => page.getByTestId('host-latency').textContent(), WAIT).toMatch(/^\d+(\.\d)? (ms|µs)$/);
    await expect(page.getByTestId('host-since').textContent()).resolves.not.toBe('–');
    await expect.poll(() => page.getByTestId('caps-domain-types').allTextContents(), WAIT).toContainEqual(expect.stringContaining('qemu'));
    await shoot(page, 'host-page-qemu', { forDocs: true, fullPage: true });
    expect(ui.problems()).toEqual([]);
  });

  it("fills a real TCG VM's CPU graph while it runs", async () => {
    const harness = inject('harness');
    const name = `${TEST_DOMAIN_PREFIX}graphs-${process.pid}`;
    const xmlFile = join(harness.root, `${name}.xml`);
    await writeFile(xmlFile, tinyTcgDomainXml(name));
    try {
      await virsh(harness.uris.qemu, 'define', xmlFile);
      await virsh(harness.uris.qemu, 'start', name);
      const page = await open();
      await addAndOpen(page, harness.uris.qemu, 'QEMU host');
      const row = page.locator(`[data-testid="domain-row"][data-domain-name="${name}"]`);
      await row.waitFor(WAIT);
      await row.dblclick();
      const details = page.getByTestId('domain-details');
      await details.waitFor(WAIT);
      // CPU % needs two samples; the VM spins in its firmware, so it uses CPU every second.
      await expect.poll(() => points(page, 'cpu-graph'), WAIT).toBeGreaterThanOrEqual(3);
      await expect.poll(() => points(page, 'memory-graph'), WAIT).toBeGreaterThanOrEqual(3);
      await shoot(page, 'domain-graphs', { forDocs: true, fullPage: true });
      expect(ui.problems()).toEqual([]);
    } finally {
      await removeTestDomains(harness.uris.qemu);
      await rm(xmlFile, { force: true });
    }
  });

  it('stops a network only after confirmation and shows the change; starts it again; a pool likewise', async () => {
    const page = await open();
    const net = page.locator('[data-testid="network-row"][data-network="default"]');
    await net.waitFor(WAIT);
    const netState = (): Promise<string | null> => net.getByTestId('network-state').getAttribute('data-state');
    expect(await netState()).toBe('active');
    await net.getByTestId('network-stop').click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor(WAIT);
    await expect(confirm.textContent()).resolves.toContain('"default"');
    await confirm.getByTestId('confirm-cancel').click();
    await confirm.waitFor({ state: 'detached', ...WAIT });
    expect(await netState()).toBe('active');
    await net.getByTestId('network-stop').click();
    await shoot(page, 'network-stop-confirm', { fullPage: true });
    await confirm.getByTestId('confirm-ok').click();
    await expect.poll(netState, WAIT).toBe('inactive');
    await net.getByTestId('network-start').click();
    await expect.poll(netState, WAIT).toBe('active');

    const pool = page.locator('[data-testid="pool-row"][data-pool="default-pool"]');
    const poolState = (): Promise<string | null> => pool.getByTestId('pool-state').getAttribute('data-state');
    await pool.getByTestId('pool-volumes-toggle').click();
    await page.getByTestId('volumes-empty').waitFor(WAIT);
    await pool.getByTestId('pool-stop').click();
    await confirm.getByTestId('confirm-ok').click();
    await expect.poll(poolState, WAIT).toBe('inactive');
    await page.getByTestId('volumes-inactive').waitFor(WAIT);
    await pool.getByTestId('pool-start').click();
    await expect.poll(poolState, WAIT).toBe('running');
    expect(ui.problems()).toEqual([]);
  });

  it('shows a network stopped by virsh on the harness daemon as it happens', async () => {
    const harness = inject('harness');
    const page = await open();
    await addAndOpen(page, harness.uris.unix, 'Harness daemon');
    const net = page.locator('[data-testid="network-row"][data-network="default"]');
    await net.waitFor(WAIT);
    const netState = (): Promise<string | null> => net.getByTestId('network-state').getAttribute('data-state');
    await expect.poll(netState, WAIT).toBe('active');
    try {
      await virsh(harness.uris.unix, 'net-destroy', 'default');
      await expect.poll(netState, WAIT).toBe('inactive');
    } finally {
      await virsh(harness.uris.unix, 'net-start', 'default');
    }
    await expect.poll(netState, WAIT).toBe('active');
    expect(ui.problems()).toEqual([]);
  });

  it('follows the system theme, and a manual choice wins and is kept', async () => {
    const page = await open();
    const theme = (): Promise<string | null> => page.locator('html').getAttribute('data-theme');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme, WAIT).toBe('dark');
    // A few samples, so the screenshots show lines rather than dots.
    await expect.poll(() => points(page, 'host-memory-graph'), WAIT).toBeGreaterThanOrEqual(6);
    await page.getByTestId('pools').waitFor(WAIT);
    await shoot(page, 'host-page-dark', { forDocs: true, fullPage: true });
    await page.getByTestId('theme-switch').selectOption('light');
    await expect.poll(theme, WAIT).toBe('light');
    await shoot(page, 'host-page-light', { forDocs: true, fullPage: true });
    await page.reload();
    await page.locator('main[data-app-state="ready"]').waitFor(WAIT);
    await expect.poll(theme, WAIT).toBe('light');
    await page.getByTestId('theme-switch').selectOption('system');
    await expect.poll(theme, WAIT).toBe('dark');
    expect(ui.problems()).toEqual([]);
  });
});
