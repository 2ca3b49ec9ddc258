import type { EventChannel, EventPayloads } from '../../../shared/ipc';

/** Where main's pushed events go: the Electron window, the bridge's sockets, a test. */
export interface EventSink {
  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void;
}
