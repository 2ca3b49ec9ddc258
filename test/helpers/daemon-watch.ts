/**
 * Set up before every integration and e2e file (vitest's setupFiles): the file starts only
 * once the shared daemons serve, and the test (or, outside any test, the file) during which
 * one of them died fails, naming the crash and showing the daemon's log. The supervisor
 * (daemon-supervisor.ts) has started the daemon again by then, so the tests after it do
 * not fail for the same crash. Around-hooks, not after-hooks: a failing afterAll of the
 * file would skip an afterAll here, and the crash would go unnamed.
 */
import { aroundAll, aroundEach, inject } from 'vitest';
import { describeCrash, readLedger, type DaemonCrash, type Ledger } from './daemon-ledger';
import { waitFor } from './process';

const harness = inject('harness');
const RESTART_WAIT_MS = 60_000;
/** Which of the ledger's crashes (by index) a failed test or file has named already. */
const named = new Set<number>();

function notServing(ledger: Ledger): string[] {
  return Object.entries(ledger.daemons).filter(([, entry]) => entry.state !== 'up').map(([name, entry]) => `${name}: ${entry.state}`);
}

function crashCount(): number {
  return readLedger(harness.daemonLedger).crashes.length;
}

/** The crashes from index `from` on that nobody has named yet; from now on they are the caller's. */
function claimCrashes(from: number): readonly DaemonCrash[] {
  const claimed: DaemonCrash[] = [];
  readLedger(harness.daemonLedger).crashes.forEach((crash, index) => {
    if (index < from || named.has(index)) return;
    named.add(index);
    claimed.push(crash);
  });
  return claimed;
}

function failFor(crashes: readonly DaemonCrash[], during: string): void {
  if (crashes.length > 0) throw new Error(`while ${during} ran, ${crashes.map(describeCrash).join('\n\n')}`);
}

/** Returns at once unless a daemon is being started again after a crash. */
async function untilServing(): Promise<void> {
  await waitFor('the shared daemons to serve', () => {
    const waiting = notServing(readLedger(harness.daemonLedger));
    if (waiting.some((line) => line.endsWith(': lost'))) throw new Error(`a shared daemon died and could not be started again: ${waiting.join(', ')}`);
    return waiting.length === 0;
  }, RESTART_WAIT_MS, () => notServing(readLedger(harness.daemonLedger)).join(', '));
}

aroundAll(async (runFile) => {
  await untilServing();
  // A crash between files is no file's: global teardown fails the run for it.
  const before = crashCount();
  await runFile();
  failFor(claimCrashes(before), "this file's hooks");
});

aroundEach(async (runTest) => {
  // The test after a crash meets the restarted daemon, not the gap before it listens.
  await untilServing();
  const before = crashCount();
  await runTest();
  failFor(claimCrashes(before), 'this test');
});
