import type { EventChannel, EventPayloads } from '../../shared/ipc';
import type { ConnectionProfile } from '../../shared/model';
import type { ProfileStore } from '../../electron/main/connections/manager';
import type { EventSink } from '../../electron/main/ipc/event-sink';
import { waitFor } from './process';

export interface RecordedEvent<E extends EventChannel = EventChannel> {
  readonly channel: E;
  readonly payload: EventPayloads[E];
}

/** An EventSink that keeps what main pushed, for a test to read in order. */
export class RecordingSink implements EventSink {
  readonly events: RecordedEvent[] = [];

  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    this.events.push({ channel, payload });
  }

  of<E extends EventChannel>(channel: E): EventPayloads[E][] {
    return this.events.filter((e) => e.channel === channel).map((e) => e.payload as EventPayloads[E]);
  }

  /** Waits for the first event of a channel that satisfies `match`, then returns it. */
  async next<E extends EventChannel>(channel: E, match: (payload: EventPayloads[E]) => boolean, timeoutMs = 15_000): Promise<EventPayloads[E]> {
    let found: EventPayloads[E] | undefined;
    await waitFor(`a ${channel} event`, () => {
      found = this.of(channel).find(match);
      return found !== undefined;
    }, timeoutMs, () => JSON.stringify(this.events.slice(-5)));
    if (found === undefined) throw new Error(`no ${channel} event`);
    return found;
  }
}

/** Profiles kept in memory: these tests are about connections, not the settings file. */
export function memoryStore(initial: ConnectionProfile[] = []): ProfileStore & { saved: ConnectionProfile[] } {
  const store = {
    saved: [...initial],
    load: () => Promise.resolve([...store.saved]),
    save: (profiles: readonly ConnectionProfile[]) => {
      store.saved = [...profiles];
      return Promise.resolve();
    },
  };
  return store;
}

export const TEST_APP_INFO = { name: 'Virtdeck', version: '0.0.0-test', shell: 'browser' } as const;
