/**
 * Changes to domains travel as deltas: a lifecycle event or an action costs one lookup of
 * that domain, pushed as domain.changed (or domain.removed once it is gone), never a
 * re-list of the host. Lookups of the same domain may overlap (an action and its event);
 * only the latest one started is published, so an older answer never overwrites a newer.
 */
import type { Connection, LifecycleEvent } from '../../libvirt';
import type { EventSink } from '../ipc/event-sink';
import { lookupDomainSummary } from './domain-summaries';

export class DomainDeltas {
  private readonly latest = new Map<string, number>();
  private nextTicket = 0;

  constructor(
    private readonly conn: Connection,
    private readonly connectionId: string,
    private readonly sink: EventSink,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** What a lifecycle event changed; an undefined domain needs no lookup to be removed. */
  onLifecycle(event: LifecycleEvent): void {
    if (event.event === 'undefined') {
      // A lookup still in flight would only find it gone; forgetting its ticket drops it.
      this.latest.delete(event.domain.uuid);
      this.sink.emit('domain.removed', { connectionId: this.connectionId, uuid: event.domain.uuid });
      return;
    }
    this.refresh(event.domain.uuid).catch(this.onError);
  }

  /** Looks the domain up once and publishes what it is now (or that it is gone). */
  async refresh(uuid: string): Promise<void> {
    this.nextTicket += 1;
    const ticket = this.nextTicket;
    this.latest.set(uuid, ticket);
    const domain = await lookupDomainSummary(this.conn, uuid);
    if (this.latest.get(uuid) !== ticket) return;
    this.latest.delete(uuid);
    if (domain === null) this.sink.emit('domain.removed', { connectionId: this.connectionId, uuid });
    else this.sink.emit('domain.changed', { connectionId: this.connectionId, domain });
  }
}
