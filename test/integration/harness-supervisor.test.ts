import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { LedgerWriter, readLedger } from '../helpers/daemon-ledger';
import { SupervisedDaemon } from '../helpers/daemon-supervisor';
import { startLibvirtd } from '../helpers/libvirtd';
import { freePort } from '../helpers/ports';
import { isAlive, run, waitFor } from '../helpers/process';
import { TEST_DOMAIN_PREFIX, tinyTcgDomainXml } from '../helpers/test-domains';

/**
 * The supervisor that keeps the run's shared daemons honest, on a daemon of this file's
 * own: killing the run's shared one would fail the run, which is what it must do.
 */
const harness = inject('harness');
const dir = join(harness.root, `supervised-${process.pid}`);
const ledger = new LedgerWriter(join(harness.root, `supervised-${process.pid}-ledger.json`));
let supervised: SupervisedDaemon | undefined;

afterAll(async () => {
  await supervised?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function virsh(uri: string, ...args: string[]): Promise<string> {
  return (await run('virsh', ['-q', '-c', uri, ...args], { timeoutMs: 60_000 })).stdout;
}

describe('the supervisor of a shared daemon', () => {
  it('records a crash with its signal and log, and starts the daemon again on the same socket with its VMs', async () => {
    const [tcpPort, tlsPort] = [await freePort(), await freePort()];
    const started = await SupervisedDaemon.start('supervised libvirtd', ledger, (extra) => startLibvirtd({ dir, tcpPort, tlsPort, pki: harness.pki, ...extra }));
    supervised = started;
    const first = started.daemon;
    const qemu = `qemu+unix:///system?socket=${first.unixSocket}`;
    const name = `${TEST_DOMAIN_PREFIX}supervised-${process.pid}`;
    const xml = join(harness.root, `${name}.xml`);
    await writeFile(xml, tinyTcgDomainXml(name));
    await virsh(qemu, 'create', xml);
    // The QEMU outlives its daemon: if this test fails before the new daemon takes it back, it goes here.
    const qemuPid = Number((await readFile(`/proc/${String(first.pid)}/root/run/libvirt/qemu/${name}.pid`, 'utf8')).trim());
    onTestFinished(() => { if (isAlive(qemuPid)) process.kill(qemuPid, 'SIGKILL'); });
    expect(readLedger(ledger.file).daemons['supervised libvirtd']).toEqual({ pid: first.pid, state: 'up' });

    // What libvirtd 9.0 did in CI: a segmentation fault in its event loop.
    process.kill(first.pid, 'SIGSEGV');
    await waitFor('the supervisor to start the daemon again', () => {
      const entry = readLedger(ledger.file).daemons['supervised libvirtd'];
      return entry?.state === 'up' && entry.pid !== first.pid;
    }, 30_000, () => JSON.stringify(readLedger(ledger.file)));

    const after = readLedger(ledger.file);
    expect(after.crashes).toHaveLength(1);
    expect(after.crashes[0]).toMatchObject({ daemon: 'supervised libvirtd', pid: first.pid, ended: 'killed by SIGSEGV' });
    const restartedPid = after.daemons['supervised libvirtd']?.pid ?? 0;
    expect(isAlive(restartedPid)).toBe(true);
    // Same socket, and the QEMU the dead daemon started is the new daemon's again: teardown can remove it.
    expect((await virsh(qemu, 'list', '--name')).split('\n')).toContain(name);
    await virsh(qemu, 'destroy', name);
  });
});
