import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MessageType, open } from '../../../electron/libvirt';
import { procedures } from '../../../electron/libvirt/protocol/procedures';
import { startWireTimeline, type WireEvent, type WireTimeline } from '../../helpers/wire-timeline';
import { TEST_NAME } from './targets';

/**
 * A close as the real daemon sees it. libvirtd 9.0 crashed when a client's socket ended
 * while it still answered the client's CONNECT_CLOSE: it then closes the client from two
 * threads at once (README, "When the shared libvirtd dies"). So our end of the socket goes
 * only after the daemon's answer, as virsh's does.
 */
const harness = inject('harness');
const CONNECT_CLOSE = procedures.connectClose.number;

function closeOrder(events: readonly WireEvent[]): string[] {
  return events.flatMap((event): string[] => {
    switch (event.kind) {
      case 'client-end':
        return ['client ends its socket'];
      case 'packet':
        if (event.procedure !== CONNECT_CLOSE) return [];
        return [`${event.from} ${event.type === MessageType.CALL ? 'calls' : 'answers'} CONNECT_CLOSE`];
    }
  });
}

describe('closing a connection', () => {
  let timeline: WireTimeline;
  beforeAll(async () => { timeline = await startWireTimeline(harness.libvirtd.tcpPort); });
  afterAll(async () => { await timeline.close(); });

  it('ends its socket only after libvirtd has answered CONNECT_CLOSE, with events registered', async () => {
    const conn = await open({ kind: 'tcp', host: '127.0.0.1', port: timeline.port }, { name: TEST_NAME });
    // Registered callbacks are what the daemon's close tears down: the crash needed them.
    await conn.onDomainLifecycle(() => undefined);
    await conn.onStoragePoolEvent(() => undefined);
    await conn.close();
    await expect.poll(() => closeOrder(timeline.events())).toContain('client ends its socket');
    expect(closeOrder(timeline.events())).toEqual([
      'client calls CONNECT_CLOSE',
      'daemon answers CONNECT_CLOSE',
      'client ends its socket',
    ]);
  });
});
