import type { EventChannel, EventPayloads } from '../../shared/ipc';
import type { EventSink } from '../main/ipc/event-sink';

/**
 * A sink that forwards to one set later. Main's services need a sink when they are made,
 * and the bridge's sink exists only once the bridge, which needs the services' dispatch,
 * has started; events emitted before then have no page to reach and are dropped.
 */
export class RelaySink implements EventSink {
  private target: EventSink | undefined;

  connect(target: EventSink | undefined): void {
    this.target = target;
  }

  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    this.target?.emit(channel, payload);
  }
}
