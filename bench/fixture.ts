import type { Connection } from '../electron/libvirt';

export const BENCH_PREFIX = 'bench-';

function testDomainXml(name: string): string {
  return `<domain type='test'><name>${name}</name><memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`;
}

/**
 * Fills the daemon's shared test:///default host with `count` domains, half of them
 * running. The caller keeps `keeper` open for the whole run: the daemon's default test
 * host lives only while some connection holds it, and then every later open is cheap.
 */
export async function populate(keeper: Connection, count: number): Promise<void> {
  const names = Array.from({ length: count }, (_, i) => `${BENCH_PREFIX}${String(i).padStart(4, '0')}`);
  const defined = await Promise.all(names.map((name) => keeper.defineDomain(testDomainXml(name))));
  await Promise.all(defined.filter((_, i) => i % 2 === 0).map((dom) => keeper.createDomain(dom)));
}
