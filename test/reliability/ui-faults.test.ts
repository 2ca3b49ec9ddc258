/**
 * The faults of hostile.test.ts and daemon-faults.test.ts as a person meets them: the real
 * renderer in Chromium, through the bridge, on main's real services. For each fault the
 * connection tree and the connection's page say what happened and what to do (ErrorText),
 * and the page stays usable: another connection still lists its domains.
 *
 * Bounded in time like the main-process tests: a 1 s handshake and keepalive 250 ms × 4.
 */
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startHostileServer, type HostileKind, type HostileServer } from '../helpers/hostile-server';
import { startLibvirtd, stopLibvirtd, type PrivateLibvirtd } from '../helpers/libvirtd';
import { freePort } from '../helpers/ports';
import { isAlive, waitFor } from '../helpers/process';
import { buildRenderer, launchChromium, type BuiltRenderer } from '../helpers/renderer-build';
import { openUiApp, type UiApp, type UiAppOptions } from '../helpers/ui-app';

const harness = inject('harness');
const WAIT = { timeout: 20_000 };
const HANDSHAKE_MS = 1000;
const KEEPALIVE = { intervalMs: 250, count: 4 };
/** Long enough for a loaded page to show the kill's own error before the first retry replaces it. */
const RETRY_MS = 5000;
/** The hostile peers' bounds; a real daemon gets the default handshake bound, as a loaded machine may need it. */
const FAST: UiAppOptions['connection'] = { handshakeTimeoutMs: HANDSHAKE_MS, connectTimeoutMs: HANDSHAKE_MS, keepalive: KEEPALIVE };
/** What the error under the connection says to do, by kind (renderer/components/ErrorText.tsx). */
const ADVICE = {
  protocol: /does not speak libvirt's protocol as expected: check that the address is a libvirt daemon/,
  timeout: /did not answer in time; it may be overloaded or unreachable/,
  closed: /Connect again to continue/,
  transport: /Check the host name and port, that libvirtd \(or virtqemud, virtproxyd\) runs and listens there/,
  policy: /administrator's policy forbids this; ask them/,
} as const;

let renderer: BuiltRenderer;
let browser: Browser;
let app: UiApp | undefined;
let daemon: PrivateLibvirtd | undefined;
const hostile = new Map<HostileKind, HostileServer>();

beforeAll(async () => {
  renderer = await buildRenderer();
  browser = await launchChromium(harness.chromium);
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const server of hostile.values()) await server.close();
  hostile.clear();
  if (daemon && isAlive(daemon.pid)) {
    process.kill(daemon.pid, 'SIGCONT');
    await stopLibvirtd(daemon);
  }
  daemon = undefined;
});
afterAll(async () => {
  await browser.close();
  await renderer.dispose();
});

interface Saved { readonly id: string; readonly name: string; readonly uri: string; readonly reconnect?: boolean }

/** The app with these profiles saved, each connecting at start, and the embedded host beside them. */
async function open(saved: readonly Saved[], extra: Omit<UiAppOptions, 'settingsText'> = {}): Promise<Page> {
  const profiles = [
    { id: 'embedded', uri: 'test:///default', name: 'Embedded test host', autoconnect: true, reconnect: false },
    ...saved.map((p) => ({ id: p.id, uri: p.uri, name: p.name, autoconnect: true, reconnect: p.reconnect ?? false })),
  ];
  app = await openUiApp(browser, renderer.dir, { settingsText: JSON.stringify({ version: 1, profiles }), connection: { keepalive: KEEPALIVE }, ...extra });
  return app.page;
}

function connection(page: Page, name: string): Locator {
  return page.getByTestId('connection-item').filter({ has: page.getByTestId('connection-name').getByText(name, { exact: true }) });
}

/**
 * What the person reads about a failed connection: the tree's state line, and on its page
 * the ErrorText (message, kind, advice). Also checks that the state line and the page agree.
 */
async function shownFailure(page: Page, name: string): Promise<{ tree: string; message: string; kind: string; advice: string }> {
  const item = connection(page, name);
  await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('failed');
  await item.getByTestId('connection-name').click();
  const error = page.getByTestId('connection-error');
  await error.waitFor(WAIT);
  return {
    tree: (await item.getByTestId('connection-state').textContent()) ?? '',
    message: (await error.locator('.error-message').textContent()) ?? '',
    kind: (await error.getAttribute('data-error-kind')) ?? '',
    advice: (await page.getByTestId('connection-error-advice').textContent()) ?? '',
  };
}

/** The page still works: the embedded host opens its page and lists its running domain. */
async function stillUsable(page: Page): Promise<void> {
  const embedded = connection(page, 'Embedded test host');
  await expect.poll(() => embedded.getAttribute('data-state'), WAIT).toBe('open');
  await embedded.getByTestId('connection-name').click();
  const row = page.locator('[data-testid="domain-row"][data-domain-name="test"]');
  await row.waitFor(WAIT);
  await expect(row.getByTestId('domain-state').getAttribute('data-state')).resolves.toBe('running');
  expect(app?.problems).toEqual([]);
}

describe('a hostile peer, in the window', () => {
  it('says, per connection, that the peer broke the protocol or never answered, and the rest of the page works', async () => {
    const kinds: readonly [HostileKind, RegExp, keyof typeof ADVICE][] = [
      ['length-over-max', /^connection to libvirtd closed: protocol error: packet length 33554437 exceeds the maximum 33554436/, 'protocol'],
      ['garbage', /^connection to libvirtd closed: protocol error: packet length 1213486160 exceeds the maximum/, 'protocol'],
      ['wrong-program', /^connection to libvirtd closed: protocol error: unknown program 0x12345678/, 'protocol'],
      ['silence', new RegExp(`^cannot connect to 127\\.0\\.0\\.1:\\d+: connected, but libvirtd did not answer within ${String(HANDSHAKE_MS)} ms`), 'transport'],
    ];
    for (const [kind] of kinds) hostile.set(kind, await startHostileServer(kind));
    const port = (kind: HostileKind): number => {
      const server = hostile.get(kind);
      if (server === undefined) throw new Error(`no hostile server for ${kind}`);
      return server.port;
    };
    const page = await open(kinds.map(([kind]) => ({ id: kind, name: `Hostile ${kind}`, uri: `test+tcp://127.0.0.1:${String(port(kind))}/default` })), { connection: FAST });
    for (const [kind, words, adviceKind] of kinds) {
      const shown = await shownFailure(page, `Hostile ${kind}`);
      expect(shown.message, kind).toMatch(words);
      expect(shown.tree, kind).toBe(`Failed: ${shown.message}`);
      expect(shown.kind, kind).toBe(adviceKind);
      expect(shown.advice, kind).toMatch(ADVICE[adviceKind]);
      // The hostile socket was closed by our side: nothing lingers.
      await waitFor(`the ${kind} socket to close`, () => hostile.get(kind)?.openSockets === 0, 5000);
    }
    await stillUsable(page);
  });
});

describe('a real daemon that dies or freezes, in the window', () => {
  async function startDaemon(): Promise<{ ports: { tcpPort: number; tlsPort: number }; uri: string }> {
    const ports = { tcpPort: await freePort(), tlsPort: await freePort() };
    daemon = await startLibvirtd({ dir: join(harness.root, 'ui-faults-libvirtd'), ...ports, pki: harness.pki });
    return { ports, uri: `test+unix:///default?socket=${daemon.unixSocket}` };
  }

  it('shows a SIGKILLed daemon as a closed connection with its retry countdown, and connected again when it returns', async () => {
    const { ports, uri } = await startDaemon();
    const page = await open([{ id: 'victim', name: 'Victim', uri, reconnect: true }], { backoff: { initialMs: RETRY_MS, maxMs: RETRY_MS, jitter: 0 } });
    const item = connection(page, 'Victim');
    await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('open');
    if (daemon === undefined) throw new Error('no daemon');
    process.kill(daemon.pid, 'SIGKILL');
    const shown = await shownFailure(page, 'Victim');
    expect(shown.message).toMatch(/^connection to libvirtd closed: the daemon (ended|reset) the connection/);
    expect(shown.kind).toBe('closed');
    expect(shown.advice).toMatch(ADVICE.closed);
    // Reconnect is on: the tree counts down to the next attempt (or says it is connecting).
    await expect.poll(async () => (await item.getByTestId('connection-state').textContent()) ?? '', WAIT)
      .toMatch(/Retrying in \d+s$|^Connecting…/);
    await stillUsable(page);

    const killed = daemon;
    await waitFor('the killed daemon to go', () => !isAlive(killed.pid), 10_000);
    daemon = await startLibvirtd({ dir: join(harness.root, 'ui-faults-libvirtd'), ...ports, pki: harness.pki });
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 30_000 }).toBe('open');
    await expect(item.getByTestId('connection-state').textContent()).resolves.toBe('Connected');
    expect(app?.problems).toEqual([]);
  });

  it('shows a SIGSTOPped daemon declared dead by keepalive, in words, and the page works meanwhile', async () => {
    const { uri } = await startDaemon();
    const page = await open([{ id: 'frozen', name: 'Frozen', uri }]);
    const item = connection(page, 'Frozen');
    await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('open');
    if (daemon === undefined) throw new Error('no daemon');
    process.kill(daemon.pid, 'SIGSTOP');
    const shown = await shownFailure(page, 'Frozen');
    expect(shown.message).toMatch(/^connection to libvirtd closed: no answer from the daemon for \d+ ms \(keepalive\)$/);
    expect(shown.tree).toBe(`Failed: ${shown.message}`);
    expect(shown.kind).toBe('timeout');
    expect(shown.advice).toMatch(ADVICE.timeout);
    await stillUsable(page);
    process.kill(daemon.pid, 'SIGCONT');
  });
});

describe('the admin policy, in the window', () => {
  it('shows an ext profile refused by allowedTransports as the policy, in words, without asking to run it', async () => {
    const policyText = JSON.stringify({ version: 1, policy: { allowedTransports: ['unix', 'tcp', 'tls', 'ssh'] } });
    const page = await open([{ id: 'proxy', name: 'Through a proxy', uri: 'qemu+ext:///system?command=/usr/bin/true' }], { policyText });
    const shown = await shownFailure(page, 'Through a proxy');
    expect(shown.message).toMatch(/^refused by the administrator's policy \(allowedTransports in .*policy\.json\): qemu\+ext:\/\/\/system would travel by the ext transport, and this policy allows only unix, tcp, tls, ssh$/);
    expect(shown.kind).toBe('policy');
    expect(shown.advice).toMatch(ADVICE.policy);
    // Nobody was asked to confirm the command: the policy refused it first.
    await expect(page.getByTestId('prompt-modal').count()).resolves.toBe(0);
    await stillUsable(page);
  });
});
