/**
 * The soak of soak.test.ts, seen by the renderer: the real page in Chromium through the
 * bridge, ten connections (one a host of 1,000 domains, shown with its host page and
 * domain list, so its 1,000-domain stats tick and host stats arrive at 1 Hz), and a
 * lifecycle event every second on each host. The page's JS heap (after a forced GC, read
 * through CDP) and its DOM node count are sampled every 2 s (after 10 s of warm-up) and a least-squares slope fitted
 * to each; at the end the page must show exactly the daemon's states: every state chip's
 * count and the driven rows of the big host as main's connection reports them, and each of
 * the nine shared-host connections' domains in the tree as virsh lists them.
 *
 * VIRTDECK_SOAK_SECONDS sets the length (default 60 s, as the main soak).
 */
import { join } from 'node:path';
import type { Browser, CDPSession, Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openUri, type Connection, type DomainRef } from '../../electron/libvirt';
import type { DomainSummary } from '../../shared/model';
import { chipOf } from '../../shared/domain-state-chips';
import { slope } from '../helpers/process-health';
import { buildRenderer, launchChromium, type BuiltRenderer } from '../helpers/renderer-build';
import { writeTestDriverHost } from '../helpers/test-driver-file';
import { openUiApp, type UiApp } from '../helpers/ui-app';
import { virshList } from '../helpers/virsh';

const harness = inject('harness');
const SECONDS = Number(process.env.VIRTDECK_SOAK_SECONDS ?? '60');
const BIG_DOMAINS = 1000;
/** The first samples include the first paint of 1,000 rows and JIT warm-up; the slope starts after them. */
const WARM_UP_SECONDS = 10;
const SAMPLE_EVERY = 2;
/**
 * JS heap growth allowed, bytes per second. A page that kept every 1,000-domain tick was
 * measured at 64 KiB/s; the bound is half that, since a short run's slope is noisy (a 20 s
 * run measured 18 KiB/s on a healthy page, a 30 s one 5 KiB/s).
 */
const HEAP_SLOPE_BOUND = 32 * 1024;
/** DOM nodes per second: one row leaked per tick would be 1/s or more. */
const NODE_SLOPE_BOUND = 0.5;
/** Running domains of the big host that the soak pauses and resumes in turn (i % 3 === 0 is running in the file). */
const DRIVEN = ['gen-0000', 'gen-0003', 'gen-0006', 'gen-0009'];
const WAIT = { timeout: 30_000 };

let renderer: BuiltRenderer | undefined;
let browser: Browser | undefined;
let app: UiApp | undefined;
let actor: Connection | undefined;
let paused: DomainRef | undefined;
afterAll(async () => {
  // The shared host's "test" runs again for the files after this one (already running if the soak stopped on a resume).
  if (paused !== undefined) await actor?.resumeDomain(paused).catch(() => undefined);
  await actor?.close();
  await app?.close();
  await browser?.close();
  await renderer?.dispose();
});

function connection(page: Page, name: string): Locator {
  return page.getByTestId('connection-item').filter({ has: page.getByTestId('connection-name').getByText(name, { exact: true }) });
}

/** JS heap in use after a full collection, and the DOM's node count, as Chromium counts them. */
async function pageMetrics(cdp: CDPSession): Promise<{ heap: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string): number => {
    const metric = metrics.find((m) => m.name === name);
    if (metric === undefined) throw new Error(`Chromium reported no ${name}`);
    return metric.value;
  };
  return { heap: value('JSHeapUsedSize'), nodes: value('Nodes') };
}

/** A state chip's count as the filter bar says it ("N of 1000 shown"). */
async function chipCount(page: Page, chip: 'running' | 'paused' | 'shutoff' | 'other'): Promise<number> {
  const button = page.getByTestId(`chip-${chip}`);
  await button.click();
  const text = (await page.getByTestId('domain-count').textContent()) ?? '';
  await button.click();
  const match = /^(\d+) (of \d+ shown|domains)/.exec(text);
  if (match === null) throw new Error(`unexpected domain count: ${text}`);
  return Number(match[1]);
}

describe(`a ${String(SECONDS)} s soak of the renderer`, () => {
  it('keeps the page\'s JS heap and DOM flat and ends showing exactly the daemon\'s states', async () => {
    renderer = await buildRenderer();
    browser = await launchChromium(harness.chromium);
    const bigFile = (await writeTestDriverHost(join(harness.root, 'renderer-soak-1000.xml'), BIG_DOMAINS)).path;
    const profiles = [
      { id: 'big', uri: `test+unix://${bigFile}?socket=${harness.libvirtd.unixSocket}`, name: 'Big host', autoconnect: true, reconnect: false },
      ...Array.from({ length: 9 }, (_, i) => ({
        id: `default-${String(i)}`,
        uri: i % 2 === 0 ? harness.uris.unix : harness.uris.tcp,
        name: `Shared ${String(i)}`,
        autoconnect: true,
        reconnect: false,
      })),
    ];
    app = await openUiApp(browser, renderer.dir, { settingsText: JSON.stringify({ version: 1, profiles }), statsIntervalMs: 1000 });
    const { page, dispatch } = app;
    for (const p of profiles) await expect.poll(() => connection(page, p.name).getAttribute('data-state'), WAIT).toBe('open');
    await connection(page, 'Big host').getByTestId('connection-name').click();
    await expect.poll(() => page.getByTestId('domain-count').textContent(), WAIT).toBe(`${String(BIG_DOMAINS)} domains`);

    const listed = await dispatch('domains.list', ['big']);
    if (!listed.ok) throw new Error(listed.error.message);
    const uuidOf = new Map((listed.value as DomainSummary[]).map((d) => [d.name, d.uuid]));
    actor = await openUri(harness.uris.unix);
    const test = (await actor.listDomains()).find((d) => d.name === 'test');
    if (test === undefined) throw new Error('no domain "test" on the shared host');
    paused = test;

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap: [number, number][] = [];
    const nodes: [number, number][] = [];
    const started = Date.now();
    for (let second = 1; second <= SECONDS; second++) {
      const suspend = second % 2 === 1;
      if (suspend) await actor.suspendDomain(test);
      else await actor.resumeDomain(test);
      const name = DRIVEN[Math.floor((second - 1) / 2) % DRIVEN.length] ?? 'gen-0000';
      const answer = await dispatch('domains.action', ['big', uuidOf.get(name) ?? '', suspend ? 'suspend' : 'resume']);
      if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
      if (second % SAMPLE_EVERY === 0 && second >= WARM_UP_SECONDS) {
        const t = (Date.now() - started) / 1000;
        const sample = await pageMetrics(cdp);
        heap.push([t, sample.heap]);
        nodes.push([t, sample.nodes]);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + second * 1000 - Date.now())));
    }
    // End on a state unlike the start's, so a page that missed the events cannot match by luck.
    if (SECONDS % 2 === 0) await actor.suspendDomain(test);

    const heapSlope = slope(heap);
    const nodeSlope = slope(nodes);
    console.log(`renderer soak ${String(SECONDS)} s: JS heap slope ${(heapSlope / 1024).toFixed(2)} KiB/s (${String(heap.length)} samples, ` +
      `${((heap[0]?.[1] ?? 0) / 1048576).toFixed(1)} → ${((heap.at(-1)?.[1] ?? 0) / 1048576).toFixed(1)} MiB), DOM node slope ${nodeSlope.toFixed(3)}/s ` +
      `(${String(nodes[0]?.[1])} → ${String(nodes.at(-1)?.[1])})`);

    // No missed or doubled state: what the page shows is what the daemon says, once events settle.
    const daemonStates = await dispatch('domains.list', ['big']);
    if (!daemonStates.ok) throw new Error(daemonStates.error.message);
    const bigDomains = daemonStates.value as DomainSummary[];
    for (const chip of ['running', 'paused', 'shutoff', 'other'] as const) {
      const expected = bigDomains.filter((d) => chipOf(d.state) === chip).length;
      await expect.poll(() => chipCount(page, chip), WAIT).toBe(expected);
    }
    for (const name of DRIVEN) {
      const expected = bigDomains.find((d) => d.name === name)?.state;
      await page.getByTestId('domain-filter').fill(name);
      const row = page.locator(`[data-testid="domain-row"][data-domain-name="${name}"]`);
      await expect.poll(() => row.getByTestId('domain-state').getAttribute('data-state'), WAIT).toBe(expected);
    }
    await page.getByTestId('domain-filter').fill('');
    const shared = await virshList(harness.uris.unix);
    for (const p of profiles.filter((q) => q.id !== 'big')) {
      const item = connection(page, p.name);
      expect(await item.getAttribute('data-state')).toBe('open');
      for (const row of shared) {
        const state = row.state === 'shut off' ? 'shutoff' : row.state;
        await expect.poll(() => item.locator(`[data-testid="tree-domain"][data-domain-name="${row.name}"] [data-state]`).getAttribute('data-state'), WAIT).toBe(state);
      }
      await expect(item.getByTestId('tree-domain').count()).resolves.toBe(shared.length);
    }

    expect(heapSlope).toBeLessThan(HEAP_SLOPE_BOUND);
    expect(nodeSlope).toBeLessThan(NODE_SLOPE_BOUND);
    expect(app.problems).toEqual([]);
  }, (SECONDS + 240) * 1000);
});
