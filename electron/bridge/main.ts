/**
 * Runs the browser mode around any set of main-process services: builds them with a sink
 * that reaches the bridge's pages, serves their dispatch, and tears both down together.
 */
import type { Dispatch } from '../main/ipc/dispatch';
import type { EventSink } from '../main/ipc/event-sink';
import { RelaySink } from './relay-sink';
import { startBridge, type Bridge } from './server';

export interface BridgeServices {
  readonly dispatch: Dispatch;
  dispose(): Promise<void> | void;
}

export type ServicesFactory = (sink: EventSink) => BridgeServices | Promise<BridgeServices>;

export interface RunBridgeOptions {
  readonly services: ServicesFactory;
  readonly rendererDir: string;
  readonly port?: number;
  readonly token?: string;
  readonly log?: (message: string) => void;
}

export interface RunningBridge {
  readonly bridge: Bridge;
  /** Closes the bridge, then disposes the services; safe to call more than once. */
  stop(): Promise<void>;
}

export async function runBridge(options: RunBridgeOptions): Promise<RunningBridge> {
  const relay = new RelaySink();
  const services = await options.services(relay);
  let bridge: Bridge;
  try {
    bridge = await startBridge({
      dispatch: services.dispatch,
      rendererDir: options.rendererDir,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.token === undefined ? {} : { token: options.token }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
  } catch (error) {
    await services.dispose();
    throw error;
  }
  relay.connect(bridge.sink);
  let stopping: Promise<void> | undefined;
  return {
    bridge,
    stop() {
      stopping ??= (async () => {
        relay.connect(undefined);
        await bridge.close();
        await services.dispose();
      })();
      return stopping;
    },
  };
}
