/**
 * The remote driver's opening sequence: auth list, keepalive probe, CONNECT_OPEN with
 * the daemon-side name, then probes for the features later calls depend on.
 */
import { AuthError, LibvirtError } from '../errors';
import { AuthType, Feature } from '../protocol/constants';
import { ErrorCode } from '../protocol/error-codes';
import type { RpcClient } from '../rpc/client';
import { DEFAULT_KEEPALIVE } from '../rpc/keepalive';
import type { ConnectionOptions } from './options';

/** VIR_CONNECT_RO */
const CONNECT_RO = 1;
const DEFAULT_HANDSHAKE_TIMEOUT_MS = 30_000;

export interface ServerFeatures {
  readonly keepalive: boolean;
  readonly eventCallback: boolean;
  readonly closeCallback: boolean;
}

const authNames: Record<number, string> = { [AuthType.SASL]: 'sasl', [AuthType.POLKIT]: 'polkit' };

export async function handshake(rpc: RpcClient, name: string, options: ConnectionOptions): Promise<ServerFeatures> {
  const call = { timeoutMs: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS };
  const supports = async (feature: number): Promise<boolean> =>
    (await rpc.call('connectSupportsFeature', { feature }, call)).supported !== 0;

  const { types } = await rpc.call('authList', undefined, call);
  if (types.length > 0 && !types.includes(AuthType.NONE)) {
    const offered = types.map((t) => authNames[t] ?? `type ${t}`).join(', ');
    throw new AuthError(types, `unsupported auth: the daemon requires ${offered}; this client speaks only "none" for now`);
  }

  // Asking is what makes the daemon start its own keepalive towards us, so ask first.
  const keepalive = await supports(Feature.PROGRAM_KEEPALIVE);
  if (keepalive && options.keepalive !== false) rpc.startKeepalive(options.keepalive ?? DEFAULT_KEEPALIVE);

  await rpc.call('connectOpen', { name, flags: options.readOnly === true ? CONNECT_RO : 0 }, call);

  const eventCallback = await supports(Feature.REMOTE_EVENT_CALLBACK);
  const closeCallback = await supports(Feature.REMOTE_CLOSE_CALLBACK);
  if (closeCallback) await registerCloseCallback(rpc, call);
  return { keepalive, eventCallback, closeCallback };
}

/** Best effort: drivers without close callbacks answer NO_SUPPORT, which changes nothing for us. */
async function registerCloseCallback(rpc: RpcClient, call: { timeoutMs: number }): Promise<void> {
  try {
    await rpc.call('connectRegisterCloseCallback', undefined, call);
  } catch (error) {
    if (!(error instanceof LibvirtError && error.code === ErrorCode.NO_SUPPORT)) throw error;
  }
}
