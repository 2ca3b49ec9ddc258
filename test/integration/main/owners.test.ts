import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { runBridge, type RunningBridge } from '../../../electron/bridge/main';
import { createMainServices, type MainServices } from '../../../electron/main/services';
import type { ServerFrame } from '../../../shared/bridge-protocol';
import { memoryStore, TEST_APP_INFO } from '../../helpers/main-services';
import { waitFor } from '../../helpers/process';
import { consoleTcgDomainXml, TEST_DOMAIN_PREFIX } from '../../helpers/test-domains';
import { virsh } from '../../helpers/virsh';

/** Live resources belong to the page (bridge socket) that asked for them, and go with it. */
const harness = inject('harness');
const INTERVAL_MS = 100;
let running: RunningBridge | undefined;
let rendererDir: string | undefined;

afterEach(async () => {
  await running?.stop();
  running = undefined;
  if (rendererDir !== undefined) await rm(rendererDir, { recursive: true, force: true });
});

class Page {
  readonly frames: ServerFrame[] = [];
  private nextId = 1;
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => { this.frames.push(JSON.parse(data.toString('utf8')) as ServerFrame); });
  }

  static async open(bridge: RunningBridge['bridge']): Promise<Page> {
    const origin = `http://127.0.0.1:${String(bridge.port)}`;
    const socket = new WebSocket(`ws://127.0.0.1:${String(bridge.port)}/ws?token=${bridge.token}`, { origin });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => { resolve(); });
      socket.once('error', reject);
    });
    return new Page(socket);
  }

  async call(channel: string, ...args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ type: 'invoke', id, channel, args }));
    let answer: ServerFrame | undefined;
    await waitFor(`the answer to ${channel}`, () => {
      answer = this.frames.find((f) => f.type === 'result' && f.id === id);
      return answer !== undefined;
    }, 15_000);
    if (answer?.type !== 'result' || !answer.result.ok) throw new Error(`${channel} failed: ${JSON.stringify(answer)}`);
    return answer.result.value;
  }

  ticks(channel = 'stats.tick'): number {
    return this.frames.filter((f) => f.type === 'event' && f.channel === channel).length;
  }

  async close(): Promise<void> {
    const closed = new Promise((resolve) => { this.socket.once('close', resolve); });
    this.socket.close();
    await closed;
  }
}

async function start(): Promise<{ bridge: RunningBridge['bridge']; services: MainServices }> {
  rendererDir = await mkdtemp(join(tmpdir(), 'virtdeck-owners-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>owners</title>');
  let services: MainServices | undefined;
  running = await runBridge({
    rendererDir,
    services: async (sink) => {
      services = await createMainServices({ store: memoryStore(), sink, appInfo: TEST_APP_INFO, statsIntervalMs: INTERVAL_MS });
      return services;
    },
    log: () => undefined,
  });
  if (!services) throw new Error('no services');
  return { bridge: running.bridge, services };
}

describe('owners of live resources', () => {
  it('stops the stats poller a closed tab started, once no other tab watches', async () => {
    const { bridge, services } = await start();
    const first = await Page.open(bridge);
    const { id } = (await first.call('connections.add', { uri: harness.uris.unix, name: 'unix', autoconnect: false, reconnect: false })) as { id: string };
    await first.call('connections.open', id);
    const second = await Page.open(bridge);
    const onlooker = await Page.open(bridge);
    await first.call('stats.subscribe', id);
    await second.call('stats.subscribe', id);
    // The same page asking twice is still one watcher.
    await second.call('stats.subscribe', id);
    const live = services.manager.get(id);
    expect(live.statsWatchers).toBe(2);
    await waitFor('a stats tick', () => onlooker.ticks() > 0, 15_000);

    await first.close();
    await waitFor('the first tab released', () => live.statsWatchers === 1, 15_000);
    const before = onlooker.ticks();
    await waitFor('ticks still flowing for the second tab', () => onlooker.ticks() > before, 15_000);

    await second.close();
    await waitFor('the second tab released', () => live.statsWatchers === 0, 15_000);
    const after = onlooker.ticks();
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 5));
    expect(onlooker.ticks()).toBe(after);
    await onlooker.close();
  });

  it('stops host and domain statistics a closed tab asked for', async () => {
    const { bridge, services } = await start();
    const page = await Page.open(bridge);
    const { id } = (await page.call('connections.add', { uri: harness.uris.unix, name: 'unix', autoconnect: false, reconnect: false })) as { id: string };
    await page.call('connections.open', id);
    const domains = (await page.call('domains.list', id)) as { uuid: string; name: string }[];
    const domain = domains.find((d) => d.name === 'test');
    if (domain === undefined) throw new Error('the test driver has no domain named test');
    const onlooker = await Page.open(bridge);
    await page.call('host.stats.subscribe', id);
    await page.call('domain.stats.subscribe', id, domain.uuid);
    // The same page asking twice is still one watcher of each.
    await page.call('host.stats.subscribe', id);
    await page.call('domain.stats.subscribe', id, domain.uuid);
    const live = services.manager.get(id);
    expect(live.hostStatsWatchers).toBe(1);
    expect(live.domainStatsWatchers).toBe(1);
    await waitFor('a host sample', () => onlooker.ticks('host.stats') > 0, 15_000);
    await waitFor('a domain sample', () => onlooker.ticks('domain.stats') > 0, 15_000);

    await page.close();
    await waitFor('the tab released both', () => live.hostStatsWatchers === 0 && live.domainStatsWatchers === 0, 15_000);
    // A sample already in flight may still land; after that, none.
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 2));
    const hostAfter = onlooker.ticks('host.stats');
    const domainAfter = onlooker.ticks('domain.stats');
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 5));
    expect(onlooker.ticks('host.stats')).toBe(hostAfter);
    expect(onlooker.ticks('domain.stats')).toBe(domainAfter);
    await onlooker.close();
  });

  it('lists a pending question to a page that arrives after it was asked, and takes that page\'s answer', async () => {
    const { bridge } = await start();
    const first = await Page.open(bridge);
    const knownHosts = join(rendererDir ?? '', 'known_hosts');
    await writeFile(knownHosts, '');
    const { sshd, libvirtd } = harness;
    const uri = `test+ssh://${sshd.user}@127.0.0.1:${sshd.port}/default?socket=${libvirtd.unixSocket}&keyfile=${sshd.userKey}&known_hosts=${knownHosts}`;
    const { id } = (await first.call('connections.add', { uri, name: 'ssh', autoconnect: false, reconnect: false })) as { id: string };
    // Sent, never awaited: its answer is lost with the socket, as a reloaded page's would be.
    first.socket.send(JSON.stringify({ type: 'invoke', id: 999, channel: 'connections.open', args: [id] }));
    await waitFor('the host-key question', () => first.frames.some((f) => f.type === 'event' && f.channel === 'prompt.request'), 15_000);
    await first.close();
    const second = await Page.open(bridge);
    const pending = (await second.call('prompts.list')) as { id: string; connectionId: string; request: { kind: string } }[];
    expect(pending).toMatchObject([{ connectionId: id, request: { kind: 'host-key' } }]);
    const states = (await second.call('connections.list')) as { state: { kind: string; method?: string } }[];
    expect(states[0]?.state).toEqual({ kind: 'authenticating', method: 'host-key' });
    await second.call('prompts.answer', pending[0]?.id, { kind: 'accept' });
    await waitFor('the connection open', async () => ((await second.call('connections.list')) as { state: { kind: string } }[])[0]?.state.kind === 'open', 15_000);
    await second.close();
  });

  it('sends a console\'s bytes and its end to the page that opened it, and to no other page', async () => {
    const { bridge } = await start();
    const name = `${TEST_DOMAIN_PREFIX}owner-console-${process.pid}`;
    const xml = join(rendererDir ?? '', 'domain.xml');
    await writeFile(xml, consoleTcgDomainXml(name));
    await virsh(harness.uris.qemu, 'define', xml);
    try {
      await virsh(harness.uris.qemu, 'start', name);
      const uuid = (await virsh(harness.uris.qemu, 'domuuid', name)).trim();
      const owner = await Page.open(bridge);
      const other = await Page.open(bridge);
      const { id } = (await owner.call('connections.add', { uri: `qemu+tcp://127.0.0.1:${String(harness.libvirtd.tcpPort)}/system`, name: 'tcg', autoconnect: false, reconnect: false })) as { id: string };
      await owner.call('connections.open', id);
      const { consoleId } = (await owner.call('consoles.openSerial', id, uuid, { force: false })) as { consoleId: string };
      await owner.call('consoles.ack', consoleId, 0);
      const text = (page: Page): string =>
        page.frames.flatMap((f) => (f.type === 'event' && f.channel === 'console.data' ? [Buffer.from(f.payload.data, 'base64').toString('latin1')] : [])).join('');
      await waitFor('SeaBIOS on the owner\'s page', () => text(owner).includes('SeaBIOS'), 30_000, () => text(owner));
      await owner.call('consoles.close', consoleId);
      await waitFor('the close event on the owner\'s page', () => owner.ticks('console.closed') === 1, 10_000);
      // The other page hears the broadcast events (the connection opening), but nothing of the console.
      expect(other.ticks('connection.state')).toBeGreaterThan(0);
      expect(other.ticks('console.data')).toBe(0);
      expect(other.ticks('console.closed')).toBe(0);
      await owner.close();
      await other.close();
    } finally {
      await virsh(harness.uris.qemu, 'destroy', name).catch(() => undefined);
      await virsh(harness.uris.qemu, 'undefine', name);
    }
  }, 60_000);
});
