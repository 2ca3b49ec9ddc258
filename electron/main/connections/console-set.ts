/**
 * The consoles open on one connection, keyed by id; each is held by its owner (a window's
 * page or a bridge socket), sends its events to that owner's page alone, and closes when
 * that owner goes; all of them close with the connection.
 */
import { randomBytes } from 'node:crypto';
import type { ConsoleEnd, ConsoleKind } from '../../../shared/model';
import { AppFailure } from '../app-failure';
import type { EventSink } from '../ipc/event-sink';
import type { Owner } from '../ipc/owner';
import { ConsoleSession, type ConsolePipe } from './console-session';

/** Enough for any person; a runaway page gets an error instead of main's sockets. */
const MAX_CONSOLES_PER_CONNECTION = 32;

export class ConsoleSet {
  private readonly sessions = new Map<string, ConsoleSession>();

  /** `sink` carries the events of consoles whose owner has no page (main's own callers). */
  constructor(private readonly sink: EventSink) {}

  /** The console closes when its owner (a window's page, a bridge socket) goes. */
  add(kind: ConsoleKind, owner: Owner, pipe: ConsolePipe): ConsoleSession {
    if (this.sessions.size >= MAX_CONSOLES_PER_CONNECTION) {
      pipe.stream.destroy();
      throw new AppFailure('invalid-argument', `no more than ${MAX_CONSOLES_PER_CONNECTION} consoles may be open on one connection`);
    }
    const id = `con-${randomBytes(9).toString('hex')}`;
    let forget: () => void = () => undefined;
    const session = new ConsoleSession(id, kind, pipe, owner.events ?? this.sink, (s) => {
      this.sessions.delete(s.id);
      forget();
    });
    this.sessions.set(id, session);
    forget = owner.hold(() => { session.close(); });
    return session;
  }

  get(consoleId: string): ConsoleSession | undefined {
    return this.sessions.get(consoleId);
  }

  closeAll(end: ConsoleEnd): void {
    for (const session of [...this.sessions.values()]) session.close(end);
  }

  get size(): number {
    return this.sessions.size;
  }
}
