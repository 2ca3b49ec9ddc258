import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { run } from '../helpers/process';
import { TEST_DOMAIN_PREFIX, tinyTcgDomainXml } from '../helpers/test-domains';

/**
 * Proves the harness with libvirt's own client before ours exists: every listener answers
 * virsh, and the QEMU driver runs a real VM under TCG.
 */
const harness = inject('harness');

async function virsh(uri: string, ...args: string[]): Promise<string> {
  return (await run('virsh', ['-q', '-c', uri, ...args], { timeoutMs: 60_000 })).stdout;
}

describe('the test harness', () => {
  const listeners = ['unix', 'tcp', 'tls', 'ssh'] as const;
  it.each(listeners)('serves test:///default over %s to virsh', async (listener) => {
    const uri = harness.uris[listener];
    const version = await virsh(uri, 'version');
    expect(version).toMatch(/Running hypervisor: TEST \d+\.\d+\.\d+/);
    // The test driver's canned host: one running domain called "test".
    expect(await virsh(uri, 'list', '--all', '--name')).toContain('test');
    // Node info comes from the daemon's canned test host, not from this machine.
    expect(await virsh(uri, 'nodeinfo')).toMatch(/CPU model:\s+i686/);
  });

  it('refuses a TLS client whose CA did not sign the server', async () => {
    const uri = `test+tls://127.0.0.1:${harness.libvirtd.tlsPort}/default?pkipath=${harness.pki.wrongCaPkiPath}`;
    await expect(virsh(uri, 'version')).rejects.toThrow(/certificate/i);
  });

  it('runs a tiny QEMU VM under TCG: define, start, running, destroy', async () => {
    const name = `${TEST_DOMAIN_PREFIX}harness-${process.pid}`;
    const xmlFile = `${harness.root}/${name}.xml`;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(xmlFile, tinyTcgDomainXml(name));
    await virsh(harness.uris.qemu, 'define', xmlFile);
    onTestFinished(async () => {
      await virsh(harness.uris.qemu, 'destroy', name).catch(() => '');
      await virsh(harness.uris.qemu, 'undefine', name);
    });
    expect((await virsh(harness.uris.qemu, 'domstate', name)).trim()).toBe('shut off');
    await virsh(harness.uris.qemu, 'start', name);
    expect((await virsh(harness.uris.qemu, 'domstate', name)).trim()).toBe('running');
    // A live QEMU accumulates CPU time under TCG.
    const stats = await virsh(harness.uris.qemu, 'domstats', '--cpu-total', name);
    expect(Number(/cpu\.time=(\d+)/.exec(stats)?.[1])).toBeGreaterThan(0);
    await virsh(harness.uris.qemu, 'destroy', name);
    expect((await virsh(harness.uris.qemu, 'domstate', name)).trim()).toBe('shut off');
  });
});
