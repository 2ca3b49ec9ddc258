import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../electron/main/services';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../../helpers/main-services';

/**
 * A transport's question travels main → window as a prompt and the answer travels back:
 * an SSH host key never seen before, trusted or refused by the person at the window.
 */
const harness = inject('harness');
let services: MainServices | undefined;

afterEach(async () => {
  await services?.dispose();
  services = undefined;
});

async function sshProfileUri(name: string): Promise<string> {
  const knownHosts = join(harness.root, `${name}-known_hosts`);
  await writeFile(knownHosts, '');
  const { sshd, libvirtd } = harness;
  return `test+ssh://${sshd.user}@127.0.0.1:${sshd.port}/default?socket=${libvirtd.unixSocket}&keyfile=${sshd.userKey}&known_hosts=${knownHosts}`;
}

async function start(uri: string, promptTimeoutMs = 30_000): Promise<{ sink: RecordingSink; id: string; services: MainServices }> {
  const sink = new RecordingSink();
  const s = await createMainServices({ store: memoryStore(), sink, appInfo: TEST_APP_INFO, promptTimeoutMs });
  services = s;
  const added = await s.dispatch('connections.add', [{ uri, name: 'ssh host', autoconnect: false, reconnect: false }]);
  if (!added.ok) throw new Error(added.error.message);
  return { sink, id: (added.value as { id: string }).id, services: s };
}

describe('prompts from a transport', () => {
  it('asks to trust an unknown host key with its fingerprint, and opens once accepted', async () => {
    const { sink, id, services: s } = await start(await sshProfileUri('accept'));
    const opening = s.dispatch('connections.open', [id]);
    const prompt = await sink.next('prompt.request', (p) => p.connectionId === id);
    expect(prompt.request).toEqual({
      kind: 'host-key',
      host: '127.0.0.1',
      port: harness.sshd.port,
      keyType: 'ssh-ed25519',
      fingerprint: harness.sshd.hostKeyFingerprint,
      knownHostsFile: join(harness.root, 'accept-known_hosts'),
    });
    expect(await s.dispatch('prompts.answer', [prompt.id, { kind: 'accept' }])).toEqual({ ok: true, value: null });
    expect(await opening).toEqual({ ok: true, value: null });
    expect(await s.dispatch('host.info', [id])).toMatchObject({ ok: true, value: { type: 'TEST' } });
  });

  it('refuses to connect when the person rejects the key', async () => {
    const { sink, id, services: s } = await start(await sshProfileUri('reject'));
    const opening = s.dispatch('connections.open', [id]);
    const prompt = await sink.next('prompt.request', (p) => p.connectionId === id);
    await s.dispatch('prompts.answer', [prompt.id, { kind: 'reject' }]);
    const result = await opening;
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'host-key',
        message: expect.stringContaining(`${harness.sshd.hostKeyFingerprint} is not in`) as unknown,
        hostKey: { reason: 'unknown', fingerprint: harness.sshd.hostKeyFingerprint, knownHostsFile: join(harness.root, 'reject-known_hosts'), line: null },
      },
    });
    expect(sink.of('connection.state').at(-1)?.state.kind).toBe('failed');
  });

  it('counts silence until the deadline as a refusal, and withdraws the question', async () => {
    const { sink, id, services: s } = await start(await sshProfileUri('silence'), 500);
    const result = await s.dispatch('connections.open', [id]);
    expect(result.ok).toBe(false);
    const prompt = await sink.next('prompt.request', (p) => p.connectionId === id);
    expect(sink.of('prompt.cancel')).toContainEqual({ id: prompt.id });
    expect(await s.dispatch('prompts.answer', [prompt.id, { kind: 'accept' }])).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});
