import { BRIDGE_TOKEN_PARAM } from '../../shared/bridge-protocol';
import { IpcError } from '../../shared/errors';
import type { InvokeArgs, InvokeChannel, InvokeResult, VirtdeckApi, WireResult } from '../../shared/ipc';
import { createBridgeClient } from './bridge-client';
import { bridgeSocketUrl, browserSocket } from './browser-socket';

declare global {
  interface Window {
    /** Set by the preload under Electron; absent in a plain browser. */
    readonly virtdeck?: VirtdeckApi;
  }
}

export type Backend =
  | { readonly kind: 'electron'; readonly api: VirtdeckApi }
  | {
    readonly kind: 'browser';
    readonly api: VirtdeckApi;
    /** Calls `listener` each time the bridge's socket comes back after a drop: main released what the old socket owned. */
    readonly onReconnect: (listener: () => void) => () => void;
  }
  | { readonly kind: 'none'; readonly reason: string };

let chosen: Backend | undefined;

function choose(): Backend {
  const api = window.virtdeck;
  if (api) return { kind: 'electron', api };
  const url = bridgeSocketUrl(window.location);
  if (url) {
    const client = createBridgeClient({ url, socket: browserSocket });
    return {
      kind: 'browser',
      api: client.api,
      onReconnect: (listener) => {
        let dropped = false;
        return client.onStatus((status) => {
          if (status === 'reconnecting') dropped = true;
          if (status === 'open' && dropped) {
            dropped = false;
            listener();
          }
        });
      },
    };
  }
  return {
    kind: 'none',
    reason: `Virtdeck is open without its ${BRIDGE_TOKEN_PARAM}: start it with \`npm start\`, or open the address \`npm run web\` printed.`,
  };
}

/** The one way the renderer reaches main: the preload under Electron, the bridge in a browser. */
export function backend(): Backend {
  chosen ??= choose();
  return chosen;
}

/**
 * Calls a channel and unwraps its result: the value, or an IpcError carrying main's
 * AppError (also for a lost connection or a timeout), so callers handle one error type.
 */
export async function call<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResult<C>> {
  const b = backend();
  if (b.kind === 'none') throw new IpcError({ kind: 'unsupported', message: b.reason });
  let result: WireResult<C>;
  try {
    // Safe: VirtdeckApi maps each channel C to exactly this signature; TypeScript cannot
    // narrow a mapped type indexed by a generic key on its own.
    const method = b.api[channel] as unknown as (...a: InvokeArgs<C>) => Promise<WireResult<C>>;
    result = await method(...args);
  } catch (error) {
    if (error instanceof IpcError) throw error;
    throw new IpcError({ kind: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
  if (!result.ok) throw new IpcError(result.error);
  return result.value;
}
