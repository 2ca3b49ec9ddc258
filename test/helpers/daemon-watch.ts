/**
 * Set up before every integration and e2e file (vitest's setupFiles): the file starts only
 * once the shared daemons serve, and fails, naming the crash and showing the daemon's log,
 * if one of them died while it ran. The supervisor (daemon-supervisor.ts) has started the
 * daemon again by then, so the files after it do not fail for the same crash.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import { describeCrash, readLedger, type Ledger } from './daemon-ledger';
import { waitFor } from './process';

const harness = inject('harness');
const RESTART_WAIT_MS = 60_000;
let crashesBefore = 0;

function notServing(ledger: Ledger): string[] {
  return Object.entries(ledger.daemons).filter(([, entry]) => entry.state !== 'up').map(([name, entry]) => `${name}: ${entry.state}`);
}

beforeAll(async () => {
  await waitFor('the shared daemons to serve', () => {
    const waiting = notServing(readLedger(harness.daemonLedger));
    if (waiting.some((line) => line.endsWith(': lost'))) throw new Error(`a shared daemon died and could not be started again: ${waiting.join(', ')}`);
    return waiting.length === 0;
  }, RESTART_WAIT_MS, () => notServing(readLedger(harness.daemonLedger)).join(', '));
  crashesBefore = readLedger(harness.daemonLedger).crashes.length;
});

afterAll(() => {
  const crashes = readLedger(harness.daemonLedger).crashes.slice(crashesBefore);
  if (crashes.length > 0) throw new Error(`while this file ran, ${crashes.map(describeCrash).join('\n\n')}`);
});
