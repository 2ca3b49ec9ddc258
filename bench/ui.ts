/**
 * `npm run bench:ui`: the real renderer in Debian's Chromium, on main's real services,
 * against a private libvirtd whose test driver serves host files of 1,000 domains each,
 * over TCP through a relay that counts RPCs. Two scenes: one such host, then ten open at
 * once. Prints a table; a benchmark, not a test: it asserts nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildRenderer, launchChromium } from '../test/helpers/renderer-build';
import { startLibvirtd, stopLibvirtd } from '../test/helpers/libvirtd';
import { makeTestPki } from '../test/helpers/pki';
import { freePort } from '../test/helpers/ports';
import { writeTestDriverHost } from '../test/helpers/test-driver-file';
import { openUiApp } from '../test/helpers/ui-app';
import { startRpcCounter, type RpcCounter } from './rpc-counter';

const DOMAINS = 1000;
const TICK_SECONDS = Number(process.env.BENCH_UI_SECONDS ?? 30);
const CHROMIUM = '/usr/bin/chromium';
/**
 * Calls the open page makes on its own clock, not the click's: the stats tick
 * (CONNECT_GET_ALL_DOMAIN_STATS 344), the host graphs (NODE_GET_CPU_STATS 227,
 * NODE_GET_MEMORY_STATS 228) and the latency ping every 10 s (CONNECT_GET_LIB_VERSION 157).
 */
const PERIODIC = new Set([344, 227, 228, 157]);

interface SceneResult {
  readonly hosts: number;
  readonly firstPaintMs: number;
  readonly warmPaintMs: number;
  readonly longestTaskMs: number;
  readonly longTasks: number;
  /** The renderer's own work per stats tick of the shown host (store, rows, sparklines): median and worst. */
  readonly tickMedianMs: number;
  readonly tickMaxMs: number;
  readonly domRows: number;
  readonly heapMiB: number;
  readonly rpcsPerClick: number;
  readonly clickProcedures: string;
}

function settingsFor(uris: readonly string[]): string {
  return JSON.stringify({
    version: 1,
    profiles: uris.map((uri, i) => ({ id: `bench${i}`, uri, name: `Host ${i + 1}`, autoconnect: false, reconnect: false })),
  });
}

/** Evaluated in the page: resolves with performance.now() once rows are in the DOM and a frame has painted them. */
const WATCH_FIRST_ROWS = `window.__firstRows = new Promise((resolve) => {
  const check = () => {
    if (!document.querySelector('[data-testid="domain-row"]')) return false;
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
    return true;
  };
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  observer.observe(document.body, { childList: true, subtree: true });
});
// The promise is kept for later: evaluate must not wait for it now.
0`;

const WATCH_LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask' })`;

async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/** From the latest arrival of the first host's list to its rows painted, as WATCH_FIRST_ROWS saw them. */
async function paintedSinceArrival(page: Page): Promise<number> {
  const painted = await page.evaluate<number>('window.__firstRows');
  const arrived = await page.evaluate<number>(`performance.getEntriesByName('virtdeck:domains-arrived:bench0').at(-1).startTime`);
  return painted - arrived;
}

async function scene(browser: Browser, rendererDir: string, counter: RpcCounter, files: readonly string[]): Promise<SceneResult> {
  const uris = files.map((f) => `test+tcp://127.0.0.1:${counter.port}${f}`);
  const app = await openUiApp(browser, rendererDir, { settingsText: settingsFor(uris), statsIntervalMs: 1000 });
  try {
    const { page } = app;
    const items = page.getByTestId('connection-item');
    await page.evaluate(WATCH_FIRST_ROWS);
    // Open the others first, the selected one (the first) last, so its list is the one timed.
    for (let i = uris.length - 1; i >= 0; i -= 1) await items.nth(i).getByTestId('connection-open').click();
    try {
      await page.getByTestId('domain-row').first().waitFor({ timeout: 120_000 });
    } catch (error) {
      const shot = join(tmpdir(), 'virtdeck-bench-ui-failed.png');
      await page.screenshot({ path: shot });
      throw new Error(`no domain row appeared; the page is in ${shot}`, { cause: error });
    }
    const firstPaintMs = await paintedSinceArrival(page);
    // Every host's list in (the tree loads the others), then the stats ticks.
    await page.waitForFunction(`document.querySelectorAll('[data-testid="connection-item"][data-state="open"]').length === ${uris.length}`, undefined, { timeout: 180_000 });
    await page.waitForFunction(`performance.getEntriesByType('mark').filter((m) => m.name.startsWith('virtdeck:domains-arrived:')).length >= ${uris.length}`, undefined, { timeout: 120_000 });
    await page.evaluate(WATCH_LONG_TASKS);
    await page.evaluate('performance.clearMeasures()');
    await page.waitForTimeout(TICK_SECONDS * 1000);
    const tasks = await page.evaluate<number[]>('window.__longTasks');
    const ticks = (await page.evaluate<number[]>(`performance.getEntriesByName('virtdeck:stats-tick:bench0').map((m) => m.duration)`)).sort((a, b) => a - b);
    const domRows = await page.getByTestId('domain-row').count() + await page.getByTestId('tree-domain').count();
    const heap = await heapMiB(page);

    // One lifecycle click: select a running domain, press Pause, wait for it to show paused.
    const row = page.locator('[data-testid="domain-row"][data-domain-name="gen-0000"]');
    await row.waitFor({ timeout: 120_000 });
    await row.click();
    await page.waitForTimeout(1500);
    counter.reset();
    await page.getByTestId('bulk-actions').getByTestId('action-suspend').click();
    await row.locator('[data-testid="domain-state"][data-state="paused"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    const calls = counter.calls().filter((p) => !PERIODIC.has(p));

    // Warm: the same host closed and opened again, the code already loaded and compiled.
    const first = items.nth(0);
    await first.getByTestId('connection-close').click();
    await page.getByTestId('not-open').waitFor();
    await page.evaluate(WATCH_FIRST_ROWS);
    await first.getByTestId('connection-open').click();
    const warmPaintMs = await paintedSinceArrival(page);
    const byProc = new Map<number, number>();
    for (const p of calls) byProc.set(p, (byProc.get(p) ?? 0) + 1);
    return {
      hosts: uris.length,
      firstPaintMs,
      warmPaintMs,
      longestTaskMs: tasks.length === 0 ? 0 : Math.max(...tasks),
      longTasks: tasks.length,
      tickMedianMs: ticks.length === 0 ? Number.NaN : ticks[Math.floor(ticks.length / 2)] ?? Number.NaN,
      tickMaxMs: ticks.length === 0 ? Number.NaN : ticks.at(-1) ?? Number.NaN,
      domRows,
      heapMiB: heap,
      rpcsPerClick: calls.length,
      clickProcedures: [...byProc].map(([p, n]) => `${p}×${n}`).join(' '),
    };
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'virtdeck-bench-ui-'));
  const renderer = await buildRenderer();
  const pki = await makeTestPki(join(root, 'pki'));
  const daemon = await startLibvirtd({ dir: join(root, 'libvirtd'), tcpPort: await freePort(), tlsPort: await freePort(), pki });
  const counter = await startRpcCounter(daemon.tcpPort);
  const browser = await launchChromium(CHROMIUM);
  try {
    const files = await Promise.all(Array.from({ length: 10 }, (_, i) => writeTestDriverHost(join(root, `host-${i}.xml`), DOMAINS)));
    const loadBefore = loadavg()[0] ?? Number.NaN;
    const results = [
      await scene(browser, renderer.dir, counter, files.slice(0, 1).map((f) => f.path)),
      await scene(browser, renderer.dir, counter, files.map((f) => f.path)),
    ];
    console.log(`| hosts × domains | first rows painted after the list arrived (ms): first open | again, warm | longest task in ${TICK_SECONDS} s of 1 Hz ticks (ms) | long tasks | renderer work per tick, median / worst (ms) | DOM rows | renderer heap (MiB) | RPCs for one Pause click | by procedure |`);
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(`machine load average (1 min): ${loadBefore.toFixed(2)} at the start, ${(loadavg()[0] ?? Number.NaN).toFixed(2)} at the end`);
    for (const r of results) {
      console.log(`| ${r.hosts} × ${DOMAINS} | ${r.firstPaintMs.toFixed(1)} | ${r.warmPaintMs.toFixed(1)} | ${r.longestTaskMs.toFixed(0)} | ${r.longTasks} | ${r.tickMedianMs.toFixed(1)} / ${r.tickMaxMs.toFixed(1)} | ${r.domRows} | ${r.heapMiB.toFixed(1)} | ${r.rpcsPerClick} | ${r.clickProcedures} |`);
    }
  } finally {
    await browser.close();
    await counter.close();
    await stopLibvirtd(daemon);
    await renderer.dispose();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
