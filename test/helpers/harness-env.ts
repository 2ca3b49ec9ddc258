import type {} from 'vitest';
import type { TestPki } from './pki';
import type { TestSshd } from './sshd';

/**
 * What the global setup hands to integration and e2e tests: real servers, started once per
 * run in temporary directories on free loopback ports. Read it in a test with
 * `inject('harness')` (vitest), never by starting servers of your own.
 */
export interface HarnessEnv {
  /** The run's temporary root; every file below belongs to this run. */
  readonly root: string;
  /**
   * The shared daemons' ledger (daemon-ledger.ts): their pids as they are now, and every
   * crash of one. A crashed daemon is started again on the same sockets and ports.
   */
  readonly daemonLedger: string;
  readonly libvirtd: {
    /** As first started: after a crash the daemon runs again under the pid in daemonLedger. */
    readonly pid: number;
    /** Read-write unix socket of the private daemon (auth none). */
    readonly unixSocket: string;
    readonly unixSocketRo: string;
    readonly tcpPort: number;
    readonly tlsPort: number;
    /** The daemon's own log, for a test's failure message. */
    readonly logFile: string;
  };
  /** The run's certificates; see TestPki. */
  readonly pki: TestPki;
  /** logFile: sshd's own log (LogLevel VERBOSE), for tests that count its sessions. */
  readonly sshd: Omit<TestSshd, 'pid'>;
  /** URIs for `virsh -c` and for our client, one per listener, all opening test:///default. */
  readonly uris: {
    readonly unix: string;
    readonly tcp: string;
    readonly tls: string;
    readonly ssh: string;
    /** The QEMU driver of the same daemon, for the tiny TCG VM. */
    readonly qemu: string;
  };
  /**
   * libvirt 11.3 (bookworm-backports, unpacked into a cached prefix) beside the system's 9.0:
   * its own libvirtd in its own namespace (auth none, the same listeners), and its own virsh.
   */
  readonly libvirt11: {
    readonly pid: number;
    readonly unixSocket: string;
    readonly tcpPort: number;
    readonly tlsPort: number;
    readonly logFile: string;
    /** Run it with this environment: its library, not the system's. */
    readonly virsh: { readonly program: string; readonly env: Readonly<Record<string, string>> };
    readonly uris: { readonly unix: string; readonly tcp: string; readonly tls: string };
  };
  /** Debian's Chromium, for playwright-core. */
  readonly chromium: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    harness: HarnessEnv;
  }
}
