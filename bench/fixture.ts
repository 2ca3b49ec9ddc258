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

export const QEMU_BENCH_PREFIX = 'virtdeck-bench-';

/** A tiny TCG VM (as test/helpers/test-domains.ts), 32 MiB, no disk: it idles in firmware. */
function qemuDomainXml(name: string): string {
  return `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>` +
    `<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='network'/></os><on_poweroff>destroy</on_poweroff>` +
    `<devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices></domain>`;
}

/** Defines `count` QEMU domains on the bench's private daemon and starts the first `running`. */
export async function populateQemu(conn: Connection, count: number, running: number): Promise<void> {
  const names = Array.from({ length: count }, (_, i) => `${QEMU_BENCH_PREFIX}${String(i).padStart(4, '0')}`);
  const defined = await Promise.all(names.map((name) => conn.defineDomain(qemuDomainXml(name))));
  for (const dom of defined.slice(0, running)) await conn.createDomain(dom);
}

/** Stops and undefines what populateQemu made. */
export async function removeQemuDomains(conn: Connection): Promise<void> {
  const domains = (await conn.listDomains({ all: true })).filter((d) => d.name.startsWith(QEMU_BENCH_PREFIX));
  for (const dom of domains.filter((d) => d.id >= 0)) await conn.destroyDomain(dom).catch(() => undefined);
  await Promise.all(domains.map((dom) => conn.undefineDomain(dom).catch(() => undefined)));
}
