import { describe, expect, it } from 'vitest';
import type { DomainStats } from '../../../../electron/libvirt';
import { countersOf, ratesBetween } from '../../../../electron/main/stats/domain-rates';

function stats(values: DomainStats['values']): DomainStats {
  return { domain: { name: 'vm', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', id: 1 }, params: [], values };
}

const t0 = stats({
  'cpu.time': 1_000_000_000n, 'balloon.current': 32768n,
  'block.count': 2, 'block.0.rd.bytes': 100n, 'block.0.wr.bytes': 0n, 'block.1.rd.bytes': 50n, 'block.1.wr.bytes': 10n,
  'net.count': 1, 'net.0.rx.bytes': 1000n, 'net.0.tx.bytes': 500n,
});
const t1 = stats({
  'cpu.time': 1_500_000_000n, 'balloon.current': 32768n,
  'block.count': 2, 'block.0.rd.bytes': 4196n, 'block.0.wr.bytes': 2048n, 'block.1.rd.bytes': 2098n, 'block.1.wr.bytes': 10n,
  'net.count': 1, 'net.0.rx.bytes': 3000n, 'net.0.tx.bytes': 500n,
});

describe("one domain's rates between two readings", () => {
  it('sums every disk and interface, per second of wall clock; CPU as a share of one CPU', () => {
    const rates = ratesBetween(countersOf(t0, 10_000), countersOf(t1, 12_000));
    expect(rates).toEqual({
      cpuPercent: 25,
      memoryKiB: 32768,
      diskReadBytesPerSec: 3072,
      diskWriteBytesPerSec: 1024,
      netRxBytesPerSec: 1000,
      netTxBytesPerSec: 0,
    });
  });

  it('has only memory on the first reading, and no rate where a counter went back (a restart)', () => {
    expect(ratesBetween(null, countersOf(t0, 0))).toMatchObject({ cpuPercent: null, memoryKiB: 32768, diskReadBytesPerSec: null });
    expect(ratesBetween(countersOf(t1, 0), countersOf(t0, 1000))).toMatchObject({ cpuPercent: null, netRxBytesPerSec: null });
  });

  it('has no disk or network rate when the driver reports no such group (a shut-off domain)', () => {
    const bare = stats({ 'state.state': 5 });
    expect(ratesBetween(countersOf(bare, 0), countersOf(bare, 1000))).toEqual({
      cpuPercent: null, memoryKiB: null, diskReadBytesPerSec: null, diskWriteBytesPerSec: null, netRxBytesPerSec: null, netTxBytesPerSec: null,
    });
  });
});
