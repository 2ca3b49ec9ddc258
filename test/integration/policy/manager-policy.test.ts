/**
 * The admin policy as main enforces it, through the contract (dispatch) as the window
 * calls it: managed connections locked, URIs refused by rule, the policy file read from a
 * real folder, and an unknown SSH host key refused against the harness's sshd without
 * anyone being asked.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../electron/main/services';
import { loadAdminPolicy, managedId, policyFile } from '../../../electron/policy';
import type { AppInfo } from '../../../shared/ipc';
import type { ConnectionProfile, ConnectionView } from '../../../shared/model';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../../helpers/main-services';

const harness = inject('harness');
let dir: string;
let services: MainServices | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(harness.root, 'policy-'));
});

afterEach(async () => {
  await services?.dispose();
  services = undefined;
  await rm(dir, { recursive: true, force: true });
});

interface Started {
  readonly services: MainServices;
  readonly sink: RecordingSink;
  readonly store: ReturnType<typeof memoryStore>;
  readonly notices: readonly string[];
  readonly file: string;
}

/** Main's services as the shells start them: the policy file read from VIRTDECK_ADMIN_DIR's folder. */
async function start(policy: unknown, saved: ConnectionProfile[] = []): Promise<Started> {
  const file = policyFile({ VIRTDECK_ADMIN_DIR: dir });
  await writeFile(file, typeof policy === 'string' ? policy : JSON.stringify(policy));
  const admin = await loadAdminPolicy(file);
  const notices = admin.kind === 'broken' ? [admin.message] : [];
  const sink = new RecordingSink();
  const store = memoryStore(saved);
  services = await createMainServices({ store, sink, appInfo: TEST_APP_INFO, notices: () => notices, policy: admin.policy, promptTimeoutMs: 10_000 });
  return { services, sink, store, notices, file };
}

async function list(s: MainServices): Promise<ConnectionView[]> {
  const result = await s.dispatch('connections.list', []);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as ConnectionView[];
}

const MANAGED = { id: 'lab', name: 'Lab (managed)', uri: 'test:///default', autoconnect: false };

describe('managed connections', () => {
  it('are listed as managed, open, and cannot be removed or edited through the contract', async () => {
    const { services: s, store, file } = await start({ version: 1, connections: [MANAGED] });
    const id = managedId('lab');
    expect(await list(s)).toEqual([expect.objectContaining({ profile: expect.objectContaining({ id, name: 'Lab (managed)' }) as unknown, managed: true })]);

    const removed = await s.dispatch('connections.remove', [id]);
    expect(removed).toMatchObject({ ok: false, error: { kind: 'policy' } });
    if (!removed.ok) expect(removed.error.message).toBe(`refused by the administrator's policy (managed in ${file}): Lab (managed) is a managed connection and cannot be removed`);
    const edited = await s.dispatch('connections.update', [id, { name: 'mine now' }]);
    expect(edited).toMatchObject({ ok: false, error: { kind: 'policy', message: expect.stringContaining('cannot be edited') as unknown } });
    expect((await list(s)).map((v) => v.profile.name)).toEqual(['Lab (managed)']);

    expect(await s.dispatch('connections.open', [id])).toEqual({ ok: true, value: null });
    // People's own profiles are saved; the managed one comes from the policy file each start.
    const added = await s.dispatch('connections.add', [{ uri: 'test:///default', name: 'mine', autoconnect: false, reconnect: false }]);
    expect(added.ok).toBe(true);
    expect(store.saved.map((p) => p.name)).toEqual(['mine']);
    expect((await list(s)).filter((v) => v.managed !== true).map((v) => v.profile.name)).toEqual(['mine']);
  });

  it('win over a saved profile that claims a managed id', async () => {
    const { services: s } = await start({ version: 1, connections: [MANAGED] }, [
      { id: managedId('lab'), uri: 'test:///default', name: 'forged', autoconnect: false, reconnect: false },
    ]);
    expect((await list(s)).map((v) => [v.profile.name, v.managed])).toEqual([['Lab (managed)', true]]);
  });
});

describe('policy switches', () => {
  it('refuses an ext URI, naming the policy', async () => {
    const { services: s, file } = await start({ version: 1, policy: { forbidExtTransport: true } });
    const result = await s.dispatch('connections.add', [{ uri: 'qemu+ext:///system?command=/bin/true', name: '', autoconnect: false, reconnect: false }]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'policy' } });
    if (!result.ok) expect(result.error.message).toContain(`administrator's policy (forbidExtTransport in ${file})`);
    expect(await list(s)).toEqual([]);
  });

  it('refuses no_verify=1, and known_hosts_verify other than normal under requireKnownHostKey', async () => {
    const { services: s } = await start({ version: 1, policy: { forbidNoVerify: true, requireKnownHostKey: true } });
    const add = (uri: string) => s.dispatch('connections.add', [{ uri, name: '', autoconnect: false, reconnect: false }]);
    expect(await add('qemu+tls://host.example/system?no_verify=1')).toMatchObject({ ok: false, error: { kind: 'policy', message: expect.stringContaining('forbidNoVerify') as unknown } });
    expect(await add('qemu+ssh://host.example/system?known_hosts_verify=auto')).toMatchObject({ ok: false, error: { kind: 'policy', message: expect.stringContaining('requireKnownHostKey') as unknown } });
    expect(await add('qemu+ssh://host.example/system?known_hosts_verify=ignore')).toMatchObject({ ok: false, error: { kind: 'policy' } });
    expect((await add('qemu+tls://host.example/system')).ok).toBe(true);
  });

  it('allows only URIs matching a pattern, when patterns are given, on add and on edit', async () => {
    const { services: s } = await start({ version: 1, policy: { allowedUris: ['qemu+ssh://*.lab.example.org/system', 'test:///default'] } });
    const add = (uri: string) => s.dispatch('connections.add', [{ uri, name: '', autoconnect: false, reconnect: false }]);
    const ok = await add('qemu+ssh://kvm1.lab.example.org/system?keyfile=/k');
    expect(ok.ok).toBe(true);
    for (const uri of ['qemu+ssh://kvm1.evil.example/system', 'qemu+ssh://evil.example/x/.lab.example.org/system', 'qemu+ssh://kvm1.lab.example.org/session']) {
      expect(await add(uri)).toMatchObject({ ok: false, error: { kind: 'policy', message: expect.stringContaining('matches none of the allowed URI patterns') as unknown } });
    }
    if (!ok.ok) return;
    const { id } = ok.value as ConnectionProfile;
    expect(await s.dispatch('connections.update', [id, { uri: 'qemu+tcp://kvm1.lab.example.org/system' }])).toMatchObject({ ok: false, error: { kind: 'policy' } });
  });

  it('refuses to save new connections under forbidNewConnections, and still opens the ones there are', async () => {
    const saved: ConnectionProfile = { id: 'mine', uri: 'test:///default', name: 'mine', autoconnect: false, reconnect: false };
    const { services: s } = await start({ version: 1, policy: { forbidNewConnections: true } }, [saved]);
    expect(await s.dispatch('connections.add', [{ uri: 'test:///default', name: 'another', autoconnect: false, reconnect: false }]))
      .toMatchObject({ ok: false, error: { kind: 'policy', message: expect.stringContaining('forbidNewConnections') as unknown } });
    expect(await s.dispatch('connections.open', ['mine'])).toEqual({ ok: true, value: null });
  });

  it('holds a profile saved before the policy to it when it is opened, without retrying', async () => {
    const saved: ConnectionProfile = { id: 'old', uri: 'qemu+ext:///system?command=/bin/true', name: 'old ext', autoconnect: false, reconnect: true };
    const { services: s, sink } = await start({ version: 1, policy: { forbidExtTransport: true } }, [saved]);
    expect(await s.dispatch('connections.open', ['old'])).toMatchObject({ ok: false, error: { kind: 'policy' } });
    const state = sink.of('connection.state').at(-1)?.state;
    expect(state).toMatchObject({ kind: 'failed', error: { kind: 'policy' }, retryAt: null });
    // The command was never offered for confirmation: the policy refused the URI first.
    expect(sink.of('prompt.request')).toEqual([]);
  });
});

describe('allowedTransports', () => {
  it('refuses an ext profile before its program runs or is offered, and any transport not listed, through the contract', async () => {
    // A program that would leave a mark if it ever ran.
    const marker = join(dir, 'ran');
    const program = join(dir, 'proxy.sh');
    await writeFile(program, `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    const saved: ConnectionProfile = { id: 'old-ext', uri: `qemu+ext:///system?command=${program}`, name: 'old ext', autoconnect: true, reconnect: true };
    const { services: s, sink, file } = await start({ version: 1, policy: { allowedTransports: ['tcp'] } }, [saved]);
    const opened = await s.dispatch('connections.open', ['old-ext']);
    expect(opened).toMatchObject({ ok: false, error: { kind: 'policy' } });
    if (!opened.ok) expect(opened.error.message).toBe(`refused by the administrator's policy (allowedTransports in ${file}): qemu+ext:///system would travel by the ext transport, and this policy allows only tcp`);
    expect(sink.of('connection.state').at(-1)?.state).toMatchObject({ kind: 'failed', error: { kind: 'policy' }, retryAt: null });
    expect(await s.dispatch('connections.test', [`qemu+ext:///system?command=${program}`])).toMatchObject({ ok: false, error: { kind: 'policy' } });
    expect(sink.of('prompt.request')).toEqual([]);
    expect(existsSync(marker)).toBe(false);

    const add = (uri: string) => s.dispatch('connections.add', [{ uri, name: '', autoconnect: false, reconnect: false }]);
    expect(await add(harness.uris.unix)).toMatchObject({ ok: false, error: { kind: 'policy', message: expect.stringContaining('by the unix transport') as unknown } });
    expect(await s.dispatch('connections.test', [harness.uris.unix])).toMatchObject({ ok: false, error: { kind: 'policy' } });
    const tcp = await add(harness.uris.tcp);
    if (!tcp.ok) throw new Error(tcp.error.message);
    expect(await s.dispatch('connections.open', [(tcp.value as ConnectionProfile).id])).toEqual({ ok: true, value: null });
  });
});

describe('requireKnownHostKey against a real sshd', () => {
  const sshUri = (knownHosts: string): string => {
    const { sshd, libvirtd } = harness;
    return `test+ssh://${sshd.user}@127.0.0.1:${String(sshd.port)}/default?socket=${libvirtd.unixSocket}&keyfile=${sshd.userKey}&known_hosts=${knownHosts}`;
  };

  it('refuses an unknown host key without asking, saying the policy forbids trusting it', async () => {
    const knownHosts = join(dir, 'known_hosts');
    await writeFile(knownHosts, '');
    const { services: s, sink, file } = await start({ version: 1, policy: { requireKnownHostKey: true } });
    const added = await s.dispatch('connections.add', [{ uri: sshUri(knownHosts), name: 'ssh', autoconnect: false, reconnect: false }]);
    if (!added.ok) throw new Error(added.error.message);
    const { id } = added.value as ConnectionProfile;
    const result = await s.dispatch('connections.open', [id]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'policy' } });
    if (!result.ok) {
      expect(result.error.message).toContain(`administrator's policy (requireKnownHostKey in ${file})`);
      expect(result.error.message).toContain(harness.sshd.hostKeyFingerprint);
    }
    expect(sink.of('prompt.request')).toEqual([]);
  });

  it('connects when the host key is known', async () => {
    const { services: s } = await start({ version: 1, policy: { requireKnownHostKey: true } });
    const added = await s.dispatch('connections.add', [{ uri: sshUri(harness.sshd.knownHosts), name: 'ssh', autoconnect: false, reconnect: false }]);
    if (!added.ok) throw new Error(added.error.message);
    expect(await s.dispatch('connections.open', [(added.value as ConnectionProfile).id])).toEqual({ ok: true, value: null });
  });
});

describe('a broken policy file', () => {
  it('is told in app.info, never fatal: main starts, its connections work, the strict switches apply', async () => {
    const { services: s, file } = await start('{"version": 1, "policy": {"forbidExt": true}}', [
      { id: 'embedded', uri: 'test:///default', name: 'embedded', autoconnect: false, reconnect: false },
    ]);
    const info = await s.dispatch('app.info', []);
    expect(info).toMatchObject({ ok: true });
    if (info.ok) {
      const { notices } = info.value as AppInfo;
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain(file);
      expect(notices[0]).toContain('forbidExt');
    }
    expect(await s.dispatch('connections.open', ['embedded'])).toEqual({ ok: true, value: null });
    expect(await s.dispatch('connections.add', [{ uri: 'test:///default', name: 'x', autoconnect: false, reconnect: false }]))
      .toMatchObject({ ok: false, error: { kind: 'policy', message: expect.stringContaining('forbidNewConnections') as unknown } });
  });
});
