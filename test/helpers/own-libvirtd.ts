import { join } from 'node:path';
import { aroundAll, inject } from 'vitest';
import { describeExit, logTail, startLibvirtd, stopLibvirtd, unixSocketIn, type DaemonExit } from './libvirtd';
import { freePort } from './ports';
import { removeTestDomains } from './test-domains';

/**
 * A libvirtd of one test file's own, started before its tests and stopped after them. For
 * the files that stream volumes through the QEMU driver: libvirtd 9.0 crashed under them
 * (README, "When the shared libvirtd dies"), and on a daemon of their own a crash there
 * fails that file alone, with the daemon's log, instead of the run's shared daemon and
 * every file after it. Its URIs are paths, known before it starts, so a file can name
 * them at import. Costs one daemon start (~1-2 s) per file.
 */
export interface OwnLibvirtd {
  readonly uris: {
    /** The QEMU driver (dir pools with volume upload and download). */
    readonly qemu: string;
    /** The test driver's test:///default. */
    readonly unix: string;
  };
}

export function useOwnLibvirtd(label: string): OwnLibvirtd {
  const harness = inject('harness');
  const dir = join(harness.root, `own-libvirtd-${label}-${process.pid}`);
  const socket = unixSocketIn(dir);
  const qemu = `qemu+unix:///system?socket=${socket}`;

  // Around the suite, not before and after it: the suite's own afterAll hooks run inside,
  // and one of them failing cannot skip the daemon's stop.
  aroundAll(async (runSuite) => {
    let stopping = false;
    let died: DaemonExit | undefined;
    const daemon = await startLibvirtd({
      dir,
      tcpPort: await freePort(),
      tlsPort: await freePort(),
      pki: harness.pki,
      onExit: (exit) => { if (!stopping) died = exit; },
    });
    try {
      await runSuite();
    } finally {
      if (died === undefined) await removeTestDomains(qemu).catch(() => undefined);
      stopping = true;
      await stopLibvirtd(daemon);
    }
    if (died !== undefined) {
      throw new Error(`this file's own libvirtd (pid ${daemon.pid}) was ${describeExit(died)} while its tests ran. The last lines of its log:\n${logTail(daemon.logFile, 30)}`);
    }
  });

  return { uris: { qemu, unix: `test+unix:///default?socket=${socket}` } };
}
