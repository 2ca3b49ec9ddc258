import { join } from 'node:path';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { openUri, RemoteConnection, type ProcedureName } from '../../../electron/libvirt';
import { ConnectionManager } from '../../../electron/main/connections/manager';
import { PromptBroker } from '../../../electron/main/connections/prompt-broker';
import { createDispatch, type Dispatch } from '../../../electron/main/ipc/dispatch';
import { createHandlers } from '../../../electron/main/ipc/handlers';
import type { InvokeChannel, InvokeResult, WireResult } from '../../../shared/ipc';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../../helpers/main-services';
import { waitFor } from '../../helpers/process';
import { writeTestDriverHost } from '../../helpers/test-driver-file';

/**
 * What one click costs on a big host, counted where the cost is paid: every call the real
 * handlers make through the connection's RPC client to the harness daemon.
 */
const harness = inject('harness');
const DOMAINS = 1000;
let manager: ConnectionManager | undefined;

afterEach(async () => {
  await manager?.dispose();
  manager = undefined;
});

interface Counted {
  /** The big host's profile id, opened. */
  readonly id: string;
  readonly dispatch: Dispatch;
  readonly sink: RecordingSink;
  /** Procedure names called since the last reset, in order. */
  calls(): ProcedureName[];
  reset(): void;
}

async function start(): Promise<Counted> {
  const path = join(harness.root, `deltas-${process.pid}.xml`);
  await writeTestDriverHost(path, DOMAINS);
  const sink = new RecordingSink();
  const seen: ProcedureName[] = [];
  manager = await ConnectionManager.start({
    store: memoryStore(),
    sink,
    onGone: () => undefined,
    open: async (profile) => {
      const connection = await openUri(profile.uri);
      if (!(connection instanceof RemoteConnection)) throw new Error('expected the remote driver');
      const call = connection.rpc.call.bind(connection.rpc);
      vi.spyOn(connection.rpc, 'call').mockImplementation((name, ...rest) => {
        seen.push(name);
        return call(name, ...rest);
      });
      return { connection, verified: true };
    },
  });
  const dispatch = createDispatch(createHandlers({ manager, prompts: new PromptBroker(sink), sink, appInfo: TEST_APP_INFO, notices: () => [], testUri: () => Promise.reject(new Error('Test connection is not part of this scene')) }));
  const { id } = await dispatchOk(dispatch, 'connections.add', { uri: harness.uris.unix.replace('/default?', `${path}?`), name: 'big', autoconnect: false, reconnect: false });
  await dispatchOk(dispatch, 'connections.open', id);
  return { id, dispatch, sink, calls: () => [...seen], reset: () => { seen.length = 0; } };
}

async function dispatchOk<C extends InvokeChannel>(dispatch: Dispatch, channel: C, ...args: unknown[]): Promise<InvokeResult<C>> {
  const result = (await dispatch(channel, args)) as WireResult<C>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

describe('changes travel as deltas', () => {
  it('costs a handful of RPCs per click on a 1,000-domain host, its lifecycle event included, never a re-list', async () => {
    const host = await start();
    const { id } = host;
    host.reset();
    const domains = await dispatchOk(host.dispatch, 'domains.list', id);
    expect(domains).toHaveLength(DOMAINS);
    // The first view of the host is the one time every domain is asked for.
    expect(host.calls().length).toBeGreaterThan(DOMAINS);

    const target = domains.find((d) => d.state === 'running');
    if (!target) throw new Error('no running domain');
    host.reset();
    await dispatchOk(host.dispatch, 'domains.action', id, target.uuid, 'suspend');
    const changed = await host.sink.next('domain.changed', (e) => e.domain.uuid === target.uuid && e.domain.state === 'paused');
    expect(changed).toEqual({ connectionId: id, domain: { ...target, state: 'paused' } });
    // The daemon's 'suspended' event brings one more lookup of that domain, and no more.
    const count = (name: ProcedureName): number => host.calls().filter((c) => c === name).length;
    await waitFor('the lifecycle event\'s lookup', () => count('domainLookupByUuid') >= 3 && count('domainGetInfo') >= 2, 15_000, () => host.calls().join(', '));
    expect(host.calls()).not.toContain('connectListAllDomains');
    expect(host.calls().length).toBeLessThanOrEqual(6);
    expect(host.sink.of('domain.changed').every((e) => e.domain.uuid === target.uuid)).toBe(true);
  });

  it('pushes domain.removed for an undefined domain, without a re-list', async () => {
    const host = await start();
    const { id } = host;
    const domains = await dispatchOk(host.dispatch, 'domains.list', id);
    const target = domains.find((d) => d.state === 'shutoff');
    if (!target) throw new Error('no shut-off domain');
    host.reset();
    await dispatchOk(host.dispatch, 'domains.action', id, target.uuid, 'undefine');
    expect(await host.sink.next('domain.removed', (e) => e.uuid === target.uuid)).toEqual({ connectionId: id, uuid: target.uuid });
    expect(host.calls()).not.toContain('connectListAllDomains');
    expect(host.calls().length).toBeLessThanOrEqual(4);
  });
});
