import { readdirSync, readFileSync } from 'node:fs';
import type { DaemonExit, PrivateLibvirtd } from './libvirtd';
import { describeExit, logTail, stopLibvirtd } from './libvirtd';
import { describeCrash, type LedgerWriter } from './daemon-ledger';

/**
 * One shared daemon of the run, watched from the process that started it. libvirtd 9.0
 * can crash under ordinary client traffic (see the README's "When the shared libvirtd
 * dies"); unwatched, one crash fails every later test file with connection errors that
 * name no cause. So the supervisor hears the daemon end, writes the crash with its log
 * tail to the ledger (daemon-watch.ts fails the test file that was running with it, and
 * global teardown fails the run), and starts the daemon again on the same sockets and
 * ports, so the files after it meet a daemon that works.
 */
export type StartDaemon = (extra: { onExit: (exit: DaemonExit) => void; namespaceOf?: number }) => Promise<PrivateLibvirtd>;

/** The device of the tmpfs a harness daemon keeps its state in (/run/libvirt in its namespace). */
function runStateDevice(pid: number): string | undefined {
  try {
    const mounts = readFileSync(`/proc/${pid}/mountinfo`, 'utf8').split('\n');
    return mounts.map((line) => line.split(' ')).find((fields) => fields[4] === '/run/libvirt')?.[2];
  } catch {
    return undefined;
  }
}

/**
 * A process that still sees the dead daemon's state (a QEMU it started: QEMU runs in a
 * mount namespace of its own, copied from the daemon's, so the tmpfs is what tells). The
 * restarted daemon joins it to find its predecessor's state and take those domains back,
 * so that teardown still removes them.
 */
function survivorWith(device: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry) && runStateDevice(Number(entry)) === device) return Number(entry);
  }
  return undefined;
}

export class SupervisedDaemon {
  private current: PrivateLibvirtd | undefined;
  private stateDevice: string | undefined;
  private stopping = false;
  private restarting: Promise<void> | undefined;

  private constructor(
    readonly name: string,
    private readonly ledger: LedgerWriter,
    private readonly start: StartDaemon,
  ) {}

  static async start(name: string, ledger: LedgerWriter, start: StartDaemon): Promise<SupervisedDaemon> {
    const supervised = new SupervisedDaemon(name, ledger, start);
    await supervised.launch(undefined);
    return supervised;
  }

  /** The daemon as first started: its sockets and ports stay the same across restarts. */
  get daemon(): PrivateLibvirtd {
    if (this.current === undefined) throw new Error(`${this.name} was never started`);
    return this.current;
  }

  private async launch(namespaceOf: number | undefined): Promise<void> {
    // A daemon that dies before it listens fails the start instead: only a started one is watched.
    const launched: { daemon?: PrivateLibvirtd } = {};
    const onExit = (exit: DaemonExit): void => { if (launched.daemon !== undefined) this.exited(launched.daemon, exit); };
    const started = await this.start(namespaceOf === undefined ? { onExit } : { onExit, namespaceOf });
    launched.daemon = started;
    this.current = started;
    this.stateDevice = runStateDevice(started.pid);
    this.ledger.set(this.name, { pid: started.pid, state: 'up' });
  }

  private exited(daemon: PrivateLibvirtd, exit: DaemonExit): void {
    if (this.stopping) return;
    const crash = { daemon: this.name, pid: daemon.pid, ended: describeExit(exit), at: new Date().toISOString(), logTail: logTail(daemon.logFile, 30) };
    this.ledger.crashed(crash);
    this.ledger.set(this.name, { pid: daemon.pid, state: 'restarting' });
    // Loud at once, in the run's own output: the file that fails for it may come later.
    console.error(`\n!!! HARNESS: ${describeCrash(crash)}\n`);
    const survivor = this.stateDevice === undefined ? undefined : survivorWith(this.stateDevice);
    this.restarting = this.launch(survivor).catch((error: unknown) => {
      this.ledger.set(this.name, { pid: daemon.pid, state: 'lost' });
      console.error(`!!! HARNESS: the shared ${this.name} could not be started again:`, error);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.restarting;
    if (this.current !== undefined) await stopLibvirtd(this.current);
  }
}
