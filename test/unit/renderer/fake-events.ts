import type { EventChannel, EventPayloads, VirtdeckApi } from '../../../shared/ipc';

type Listener<E extends EventChannel> = (payload: EventPayloads[E]) => void;

/** A stand-in for the backend's event subscriptions: tests push payloads by hand. */
export class FakeEvents {
  private readonly listeners = new Map<EventChannel, Set<Listener<EventChannel>>>();

  readonly api: VirtdeckApi['events'] = {
    'connections.changed': (l) => this.add('connections.changed', l),
    'connection.state': (l) => this.add('connection.state', l),
    'domain.changed': (l) => this.add('domain.changed', l),
    'domain.removed': (l) => this.add('domain.removed', l),
    'stats.tick': (l) => this.add('stats.tick', l),
    'prompt.request': (l) => this.add('prompt.request', l),
    'prompt.cancel': (l) => this.add('prompt.cancel', l),
    'host.stats': (l) => this.add('host.stats', l),
    'domain.stats': (l) => this.add('domain.stats', l),
    'network.changed': (l) => this.add('network.changed', l),
    'network.removed': (l) => this.add('network.removed', l),
    'pool.changed': (l) => this.add('pool.changed', l),
    'pool.removed': (l) => this.add('pool.removed', l),
    'console.data': (l) => this.add('console.data', l),
    'console.closed': (l) => this.add('console.closed', l),
    'volume.upload': (l) => this.add('volume.upload', l),
  };

  private add<E extends EventChannel>(channel: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    // Safe: a listener is only ever called with its own channel's payload, by push().
    const stored = listener as Listener<EventChannel>;
    set.add(stored);
    this.listeners.set(channel, set);
    return () => { set.delete(stored); };
  }

  push<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(payload);
  }

  count(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
