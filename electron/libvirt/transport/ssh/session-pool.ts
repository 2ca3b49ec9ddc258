/**
 * SSH sessions shared within one process, as OpenSSH's ControlMaster shares them: every
 * libvirt connection to the same user@host:port (through the same jump hosts, checked
 * against the same known_hosts) runs its own exec channel on one authenticated session,
 * so the second URI to a host costs a channel open instead of a key exchange and a login.
 * The pool owns the sessions: each lease counts, and the session ends when the last
 * lease is released; a session that is still being set up when its last lease goes is
 * abandoned through its AbortSignal, so no socket outlives every interest in it.
 */
import type { Client } from 'ssh2';

/** OpenSSH's MaxSessions default: sshd refuses the 11th channel of one session. */
export const MAX_CHANNELS_PER_SESSION = 10;

/** An authenticated chain of hops; the innermost session runs the channels. */
export interface SharedSession<Facts> {
  /** Every hop's session, first hop first. */
  readonly clients: readonly Client[];
  /** What the caller learnt while setting it up (host-key trust, fingerprint). */
  readonly facts: Facts;
}

export interface SessionLease<Facts> {
  /** Settles once the session is ready, or with why it could not be made. */
  readonly session: Promise<SharedSession<Facts>>;
  /** True when this lease joined a session someone else set up. */
  readonly shared: boolean;
  /** Idempotent; the session ends when its last lease is released. */
  readonly release: () => void;
}

interface Entry<Facts> {
  readonly key: string;
  readonly session: Promise<SharedSession<Facts>>;
  readonly abort: AbortController;
  leases: number;
  /** No new lease may join: released to zero, failed, or closed by the server. */
  retired: boolean;
}

export class SshSessionPool<Facts> {
  private readonly entries = new Map<string, Entry<Facts>[]>();

  /**
   * A lease on a session for `key`: an open one with room for another channel, or a new
   * one made by `establish`, which must end what it made when the signal aborts.
   */
  acquire(key: string, establish: (signal: AbortSignal) => Promise<SharedSession<Facts>>): SessionLease<Facts> {
    const existing = (this.entries.get(key) ?? []).find((e) => !e.retired && e.leases < MAX_CHANNELS_PER_SESSION);
    const entry = existing ?? this.create(key, establish);
    entry.leases += 1;
    let released = false;
    return {
      session: entry.session,
      shared: existing !== undefined,
      release: () => {
        if (released) return;
        released = true;
        entry.leases -= 1;
        if (entry.leases === 0) this.retire(entry, true);
      },
    };
  }

  /** How many sessions are open or opening, for tests and diagnostics. */
  get size(): number {
    let count = 0;
    for (const list of this.entries.values()) count += list.length;
    return count;
  }

  private create(key: string, establish: (signal: AbortSignal) => Promise<SharedSession<Facts>>): Entry<Facts> {
    const abort = new AbortController();
    const entry: Entry<Facts> = { key, session: establish(abort.signal), abort, leases: 0, retired: false };
    this.entries.set(key, [...(this.entries.get(key) ?? []), entry]);
    entry.session.then(
      (session) => {
        // A server that drops the session takes it out of the pool; its channels see the
        // close themselves. The listener also keeps a late 'error' from being unhandled.
        const inner = session.clients.at(-1);
        inner?.once('close', () => { this.retire(entry, false); });
        inner?.on('error', () => { this.retire(entry, false); });
      },
      () => { this.retire(entry, false); },
    );
    return entry;
  }

  private retire(entry: Entry<Facts>, end: boolean): void {
    if (!entry.retired) {
      entry.retired = true;
      const rest = (this.entries.get(entry.key) ?? []).filter((e) => e !== entry);
      if (rest.length === 0) this.entries.delete(entry.key);
      else this.entries.set(entry.key, rest);
    }
    if (!end) return;
    entry.abort.abort();
    entry.session.then(
      (session) => { for (const client of [...session.clients].reverse()) client.end(); },
      () => undefined,
    );
  }
}
