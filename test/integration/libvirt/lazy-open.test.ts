import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open } from '../../../electron/libvirt';
import { procedures, type ProcedureName } from '../../../electron/libvirt/protocol/procedures';
import { startRpcCounter, type RpcCounter } from '../../../bench/rpc-counter';
import { targets, TEST_NAME } from './targets';

/**
 * What an open costs the real daemon, counted on the wire by a relay in front of its TCP
 * listener: the opening asks only what it needs, and the feature probes and the close
 * callback's registration go out the first time something needs them.
 */
const numbers = (...names: ProcedureName[]): number[] => names.map((name) => procedures[name].number);

describe('an open asks the daemon only what it needs', () => {
  let counter: RpcCounter;
  beforeAll(async () => {
    const tcp = targets().tcp;
    if (tcp.kind !== 'tcp') throw new Error('the harness has no TCP listener');
    counter = await startRpcCounter(tcp.port);
  });
  afterAll(async () => {
    await counter.close();
  });

  it('opens and closes in four calls: auth list, keepalive probe, open, close', async () => {
    counter.reset();
    const conn = await open({ kind: 'tcp', host: '127.0.0.1', port: counter.port }, { name: TEST_NAME });
    expect(conn.features.keepalive).toBe(true);
    await conn.close();
    await expect.poll(() => counter.calls().length).toBe(4);
    expect(counter.calls()).toEqual(numbers('authList', 'connectSupportsFeature', 'connectOpen', 'connectClose'));
  });

  it('probes event callbacks once, before the first registration, and registers the close callback for the first close listener', async () => {
    counter.reset();
    const conn = await open({ kind: 'tcp', host: '127.0.0.1', port: counter.port }, { name: TEST_NAME });
    try {
      const opening = counter.calls().length;
      const unsubscribe = await conn.onDomainLifecycle(() => undefined);
      const again = await conn.onDomainLifecycle(() => undefined);
      expect(counter.calls().slice(opening)).toEqual(numbers('connectSupportsFeature', 'connectDomainEventCallbackRegisterAny'));

      const stop = conn.onClose(() => undefined);
      const stopToo = conn.onClose(() => undefined);
      // The registration's reply is not waited for; a call behind it shows it was sent first.
      await conn.ping();
      expect(counter.calls().slice(opening + 2)).toEqual(numbers('connectRegisterCloseCallback', 'connectGetLibVersion'));
      // Registered with the daemon: taking it away succeeds.
      await conn.rpc.call('connectUnregisterCloseCallback');
      stop();
      stopToo();
      await again();
      await unsubscribe();
    } finally {
      await conn.close();
    }
  });
});
