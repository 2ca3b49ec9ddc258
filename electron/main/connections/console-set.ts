/**
 * The consoles open on one connection, each keyed by its id and its owner (a window's
 * webContents or a bridge socket): they close with their owner, and all of them with the
 * connection.
 */
import { randomBytes } from 'node:crypto';
import type { ConsoleKind } from '../../../shared/model';
import { AppFailure } from '../app-failure';
import type { EventSink } from '../ipc/event-sink';
import { ConsoleSession, type ConsolePipe } from './console-session';

/** Enough for any person; a runaway page gets an error instead of main's sockets. */
const MAX_CONSOLES_PER_CONNECTION = 32;

export class ConsoleSet {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(private readonly sink: EventSink) {}

  add(kind: ConsoleKind, owner: string, pipe: ConsolePipe): ConsoleSession {
    if (this.sessions.size >= MAX_CONSOLES_PER_CONNECTION) {
      pipe.stream.destroy();
      throw new AppFailure('invalid-argument', `no more than ${MAX_CONSOLES_PER_CONNECTION} consoles may be open on one connection`);
    }
    const id = `con-${randomBytes(9).toString('hex')}`;
    const session = new ConsoleSession(id, kind, owner, pipe, this.sink, (s) => { this.sessions.delete(s.id); });
    this.sessions.set(id, session);
    return session;
  }

  get(consoleId: string): ConsoleSession | undefined {
    return this.sessions.get(consoleId);
  }

  closeOwnedBy(owner: string): void {
    for (const session of [...this.sessions.values()]) if (session.owner === owner) session.close();
  }

  closeAll(): void {
    for (const session of [...this.sessions.values()]) session.close();
  }

  get size(): number {
    return this.sessions.size;
  }
}
