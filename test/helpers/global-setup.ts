import { mkdtemp, chmod, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { HarnessEnv } from './harness-env';
import { ensureLibvirt11 } from './libvirt11';
import { describeCrash, LedgerWriter } from './daemon-ledger';
import { SupervisedDaemon } from './daemon-supervisor';
import { startLibvirtd, type PrivateLibvirtd } from './libvirtd';
import { makeTestPki } from './pki';
import { freePort } from './ports';
import { assertRequirements, findProgram } from './requirements';
import { startSshd, stopSshd, type TestSshd } from './sshd';
import { removeTestDomains } from './test-domains';

/**
 * Starts the run's real servers once, hands their addresses to every test file through
 * `inject('harness')`, and stops them afterwards, even when setup failed half-way.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertRequirements();
  const root = await mkdtemp(join(tmpdir(), 'virtdeck-harness-'));
  // sshd reads authorized_keys, and the test user's nc reaches the socket, below here.
  await chmod(root, 0o755);
  // Read by test files (daemon-watch.ts): which shared daemon died, how, and when.
  const ledger = new LedgerWriter(join(root, 'daemon-ledger.json'));
  let supervised: SupervisedDaemon | undefined;
  let supervised11: SupervisedDaemon | undefined;
  let sshd: TestSshd | undefined;
  const teardown = async (): Promise<void> => {
    if (supervised) await removeTestDomains(qemuUri(supervised.daemon)).catch(() => undefined);
    await Promise.allSettled([supervised?.stop(), supervised11?.stop(), sshd && stopSshd(sshd)]);
    if (!process.env.VIRTDECK_KEEP_HARNESS) await rm(root, { recursive: true, force: true });
    // A crash fails the run even when the file it hit was lucky enough to pass.
    if (ledger.crashes.length > 0) {
      // vitest only logs what teardown throws: the exit code is ours to set.
      process.exitCode = 1;
      throw new Error(`a shared daemon crashed during the run:\n${ledger.crashes.map(describeCrash).join('\n\n')}`);
    }
  };
  try {
    const pki = await makeTestPki(join(root, 'pki'));
    const [tcpPort, tlsPort] = [await freePort(), await freePort()];
    supervised = await SupervisedDaemon.start('libvirtd', ledger, (extra) => startLibvirtd({ dir: join(root, 'libvirtd'), tcpPort, tlsPort, pki, ...extra }));
    const libvirtd = supervised.daemon;
    // The newer daemon beside it; the prefix is fetched once and cached (scripts/libvirt11.sh).
    const v11 = await ensureLibvirt11();
    const [tcpPort11, tlsPort11] = [await freePort(), await freePort()];
    supervised11 = await SupervisedDaemon.start('libvirtd 11', ledger, (extra) => startLibvirtd({
      dir: join(root, 'libvirtd11'), tcpPort: tcpPort11, tlsPort: tlsPort11, pki, ...(v11.build === undefined ? {} : { build: v11.build }), ...extra,
    }));
    const libvirtd11 = supervised11.daemon;
    sshd = await startSshd(join(root, 'sshd'));
    await removeTestDomains(qemuUri(libvirtd));
    const env: HarnessEnv = {
      root,
      daemonLedger: ledger.file,
      libvirtd: {
        pid: libvirtd.pid,
        unixSocket: libvirtd.unixSocket,
        unixSocketRo: libvirtd.unixSocketRo,
        tcpPort,
        tlsPort,
        logFile: libvirtd.logFile,
      },
      pki,
      sshd: withoutHarnessOnly(sshd),
      uris: {
        unix: `test+unix:///default?socket=${libvirtd.unixSocket}`,
        tcp: `test+tcp://127.0.0.1:${tcpPort}/default`,
        tls: `test+tls://127.0.0.1:${tlsPort}/default?pkipath=${pki.clientPkiPath}`,
        ssh:
          `test+libssh://${sshd.user}@127.0.0.1:${sshd.port}/default` +
          `?socket=${libvirtd.unixSocket}&keyfile=${sshd.userKey}&known_hosts=${sshd.knownHosts}&sshauth=privkey`,
        qemu: qemuUri(libvirtd),
      },
      libvirt11: {
        pid: libvirtd11.pid,
        unixSocket: libvirtd11.unixSocket,
        tcpPort: tcpPort11,
        tlsPort: tlsPort11,
        logFile: libvirtd11.logFile,
        virsh: v11.virsh,
        uris: {
          unix: `test+unix:///default?socket=${libvirtd11.unixSocket}`,
          tcp: `test+tcp://127.0.0.1:${tcpPort11}/default`,
          tls: `test+tls://127.0.0.1:${tlsPort11}/default?pkipath=${pki.clientPkiPath}`,
        },
      },
      chromium: findProgram('chromium') ?? '/usr/bin/chromium',
    };
    project.provide('harness', env);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

/** What tests need of the sshd: everything but its pid. */
function withoutHarnessOnly({ pid: _pid, ...forTests }: TestSshd): HarnessEnv['sshd'] {
  return forTests;
}

function qemuUri(daemon: PrivateLibvirtd): string {
  return `qemu+unix:///system?socket=${daemon.unixSocket}`;
}
