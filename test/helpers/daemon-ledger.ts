import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * What the run's supervisor (global setup, in vitest's own process) knows about the shared
 * daemons, kept in a file under the run's root so that test files, which run in workers,
 * can read it: which daemon runs as which pid, and every time one died on its own.
 */
export interface DaemonCrash {
  /** The daemon's name in the ledger, e.g. "libvirtd". */
  readonly daemon: string;
  readonly pid: number;
  /** "killed by SIGSEGV", "exited with code 1". */
  readonly ended: string;
  /** When the supervisor heard of it (ISO 8601). */
  readonly at: string;
  /** The last lines of the daemon's own log as it died. */
  readonly logTail: string;
}

/** up: serving; restarting: died, being started again; lost: could not be started again. */
export type DaemonState = 'up' | 'restarting' | 'lost';

export interface DaemonEntry {
  readonly pid: number;
  readonly state: DaemonState;
}

export interface Ledger {
  readonly daemons: Readonly<Record<string, DaemonEntry>>;
  readonly crashes: readonly DaemonCrash[];
}

export function readLedger(file: string): Ledger {
  return JSON.parse(readFileSync(file, 'utf8')) as Ledger;
}

/** Whole-file replace: a worker reading at the same moment sees the old ledger or the new. */
function writeLedger(file: string, ledger: Ledger): void {
  const next = `${file}.next`;
  writeFileSync(next, JSON.stringify(ledger, null, 2));
  renameSync(next, file);
}

/** The supervisor's side: the only writer. */
export class LedgerWriter {
  private ledger: Ledger = { daemons: {}, crashes: [] };

  constructor(readonly file: string) {
    writeLedger(file, this.ledger);
  }

  set(daemon: string, entry: DaemonEntry): void {
    this.ledger = { ...this.ledger, daemons: { ...this.ledger.daemons, [daemon]: entry } };
    writeLedger(this.file, this.ledger);
  }

  crashed(crash: DaemonCrash): void {
    this.ledger = { ...this.ledger, crashes: [...this.ledger.crashes, crash] };
    writeLedger(this.file, this.ledger);
  }

  get crashes(): readonly DaemonCrash[] {
    return this.ledger.crashes;
  }
}

/** A crash in words fit for a failed test: which daemon, how it ended, and its log. */
export function describeCrash(crash: DaemonCrash): string {
  return [
    `the shared ${crash.daemon} (pid ${crash.pid}) was ${crash.ended} at ${crash.at};`,
    'the harness started it again for the files after this one. The last lines of its log:',
    crash.logTail.trim() === '' ? '(its log is empty)' : crash.logTail,
  ].join('\n');
}
