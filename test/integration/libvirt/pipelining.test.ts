import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, type RemoteConnection as Connection } from '../../../electron/libvirt';
import { targets, TEST_NAME } from './targets';

describe('pipelining against the real daemon', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await open(targets().unix, { name: TEST_NAME });
  });
  afterAll(async () => {
    await conn.close();
  });

  it('keeps 1000 calls in flight on one connection and matches every reply', async () => {
    // The opening's feature probes may still be in flight beside ours.
    const before = conn.rpc.pendingCount;
    const calls = Array.from({ length: 1000 }, (_, i) =>
      i % 2 === 0 ? conn.rpc.call('connectGetHostname') : conn.rpc.call('connectGetUri'),
    );
    expect(conn.rpc.pendingCount).toBe(before + 1000);
    const results = await Promise.all(calls);
    results.forEach((r, i) => {
      if (i % 2 === 0) expect(r).toHaveProperty('hostname');
      else expect(r).toEqual({ uri: TEST_NAME });
    });
    expect(conn.rpc.pendingCount).toBe(0);
  });
});
