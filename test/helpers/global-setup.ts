import { mkdtemp, chmod, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { HarnessEnv } from './harness-env';
import { ensureLibvirt11 } from './libvirt11';
import { startLibvirtd, stopLibvirtd, type PrivateLibvirtd } from './libvirtd';
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
  let libvirtd: PrivateLibvirtd | undefined;
  let libvirtd11: PrivateLibvirtd | undefined;
  let sshd: TestSshd | undefined;
  const teardown = async (): Promise<void> => {
    if (libvirtd) await removeTestDomains(qemuUri(libvirtd)).catch(() => undefined);
    await Promise.allSettled([libvirtd && stopLibvirtd(libvirtd), libvirtd11 && stopLibvirtd(libvirtd11), sshd && stopSshd(sshd)]);
    if (!process.env.VIRTDECK_KEEP_HARNESS) await rm(root, { recursive: true, force: true });
  };
  try {
    const pki = await makeTestPki(join(root, 'pki'));
    const [tcpPort, tlsPort] = [await freePort(), await freePort()];
    libvirtd = await startLibvirtd({ dir: join(root, 'libvirtd'), tcpPort, tlsPort, pki });
    // The newer daemon beside it; the prefix is fetched once and cached (scripts/libvirt11.sh).
    const v11 = await ensureLibvirt11();
    const [tcpPort11, tlsPort11] = [await freePort(), await freePort()];
    libvirtd11 = await startLibvirtd({ dir: join(root, 'libvirtd11'), tcpPort: tcpPort11, tlsPort: tlsPort11, pki, ...(v11.build === undefined ? {} : { build: v11.build }) });
    sshd = await startSshd(join(root, 'sshd'));
    await removeTestDomains(qemuUri(libvirtd));
    const env: HarnessEnv = {
      root,
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

/** What tests need of the sshd: everything but its pid and log. */
function withoutHarnessOnly({ pid: _pid, logFile: _logFile, ...forTests }: TestSshd): HarnessEnv['sshd'] {
  return forTests;
}

function qemuUri(daemon: PrivateLibvirtd): string {
  return `qemu+unix:///system?socket=${daemon.unixSocket}`;
}
