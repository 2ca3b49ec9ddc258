/**
 * The one way to build the facade the renderer calls, for both carriers (Electron's
 * preload, the browser bridge's socket): one method per invoke channel and one
 * subscription per event channel, taken from the contract's own lists, each bound to its
 * channel. Nothing generic is exposed, so a compromised page can reach no handler by name.
 */
import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel, type InvokeChannel, type VirtdeckApi, type WireResult } from './ipc';

export interface ApiCarrier {
  invoke(channel: InvokeChannel, args: readonly unknown[]): Promise<WireResult<InvokeChannel>>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

export function buildApi(carrier: ApiCarrier): VirtdeckApi {
  const invokers = Object.fromEntries(INVOKE_CHANNELS.map((channel) => [channel, (...args: unknown[]) => carrier.invoke(channel, args)]));
  const events = Object.fromEntries(EVENT_CHANNELS.map((channel) => [channel, (listener: (payload: unknown) => void) => carrier.subscribe(channel, listener)]));
  // Safe: one method per contract channel, from the contract's lists; main validates
  // every argument and each channel's payload is main's own for that channel.
  return { ...invokers, events } as unknown as VirtdeckApi;
}
