/**
 * The remote driver's opening sequence: auth list, keepalive probe, CONNECT_OPEN with
 * the daemon-side name; the features later calls depend on are probed when first needed.
 */
import { authenticatePolkit } from '../../auth/polkit';
import { authenticateSasl, type SaslContext } from '../../auth/sasl';
import { AuthError } from '../../errors';
import { AuthType, Feature } from '../../protocol/constants';
import type { RpcClient } from '../../rpc/client';
import { DEFAULT_KEEPALIVE } from '../../rpc/keepalive';
import type { TransportInfo } from '../../transport/info';
import { connectOpenFlags } from '../../transport/sockets';
import type { ConnectionOptions } from './options';

const DEFAULT_HANDSHAKE_TIMEOUT_MS = 30_000;

export interface ServerFeatures {
  readonly keepalive: boolean;
  /**
   * Asked of the daemon the first time something reads them (the event hub, before its
   * first registration), not at open: a connection that never listens never asks.
   */
  readonly eventCallback: Promise<boolean>;
  readonly closeCallback: Promise<boolean>;
}

/** The features beyond keepalive, each probed once, on first read. */
class ProbedOnDemand implements ServerFeatures {
  private eventCallbackAnswer: Promise<boolean> | undefined;
  private closeCallbackAnswer: Promise<boolean> | undefined;

  constructor(private readonly rpc: RpcClient, readonly keepalive: boolean) {}

  get eventCallback(): Promise<boolean> {
    this.eventCallbackAnswer ??= this.supports(Feature.REMOTE_EVENT_CALLBACK);
    return this.eventCallbackAnswer;
  }

  get closeCallback(): Promise<boolean> {
    this.closeCallbackAnswer ??= this.supports(Feature.REMOTE_CLOSE_CALLBACK);
    return this.closeCallbackAnswer;
  }

  private async supports(feature: number): Promise<boolean> {
    return (await this.rpc.call('connectSupportsFeature', { feature })).supported !== 0;
  }
}

const authNames: Record<number, string> = { [AuthType.SASL]: 'sasl', [AuthType.POLKIT]: 'polkit' };

type AuthMethod = 'none' | 'sasl' | 'polkit';

/** The first of the daemon's auth types this client speaks, in the daemon's order, as libvirt picks. */
function authMethod(types: readonly number[]): AuthMethod {
  if (types.length === 0 || types.includes(AuthType.NONE)) return 'none';
  for (const type of types) {
    if (type === AuthType.POLKIT) return 'polkit';
    if (type === AuthType.SASL) return 'sasl';
  }
  const offered = types.map((t) => authNames[t] ?? `type ${t}`).join(', ');
  throw new AuthError({ kind: 'unsupported-auth-type', offered: types }, `unsupported auth: the daemon requires ${offered}, which this client does not speak`);
}

/** Channels where what SASL sends is not seen on the network (the daemon trusts unix and TLS too). */
function isConfidential(transport: TransportInfo | undefined): boolean {
  if (transport === undefined) return false;
  switch (transport.kind) {
    case 'unix':
    case 'tls':
    case 'ssh':
      return true;
    case 'tcp':
    case 'ext':
      return false;
  }
}

export async function handshake(
  rpc: RpcClient,
  name: string,
  options: ConnectionOptions & { readonly transport?: TransportInfo },
): Promise<ServerFeatures> {
  const call = { timeoutMs: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS };
  const supports = async (feature: number): Promise<boolean> =>
    (await rpc.call('connectSupportsFeature', { feature }, call)).supported !== 0;

  // Each step waits only for what it depends on; independent calls share a round trip,
  // so opening costs one round trip instead of six (with auth none). The open goes out beside the auth
  // list: with auth "none" the daemon accepts it at once; with SASL or polkit it refuses it
  // ("authentication required") and keeps the connection, and the open is sent again after
  // authenticating.
  // Asking about keepalive is what makes the daemon start its own keepalive towards us.
  const authList = rpc.call('authList', undefined, call);
  // Before authentication the daemon refuses everything but the auth calls; with auth
  // "none" these two are answered at once, otherwise they are sent again afterwards.
  // Both settle at once, so a refusal that the auth list is about to explain is never unhandled.
  const keepaliveProbe = settled(supports(Feature.PROGRAM_KEEPALIVE));
  const openOutcome = settled(rpc.call('connectOpen', { name, flags: connectOpenFlags(options.readOnly === true) }, call));
  const { types } = await authList;
  const method = authMethod(types);
  const readOnly = options.readOnly === true;
  switch (method) {
    case 'none':
      break;
    case 'polkit':
      await Promise.all([keepaliveProbe, openOutcome]);
      await authenticatePolkit(rpc, call, readOnly);
      break;
    case 'sasl':
      await Promise.all([keepaliveProbe, openOutcome]);
      await authenticateSasl(rpc, saslContext(options), call);
      break;
  }
  const [keepalive, opened] = method === 'none'
    ? await Promise.all([keepaliveProbe, openOutcome])
    : await Promise.all([
      settled(supports(Feature.PROGRAM_KEEPALIVE)),
      settled(rpc.call('connectOpen', { name, flags: connectOpenFlags(readOnly) }, call)),
    ]);
  if (!keepalive.ok) throw keepalive.error;
  if (!opened.ok) throw opened.error;
  if (keepalive.value && options.keepalive !== false) rpc.startKeepalive(options.keepalive ?? DEFAULT_KEEPALIVE);
  // Nothing else is asked here: the event and close-callback probes, and the close
  // callback's registration, wait until something needs them (RemoteConnection.onClose),
  // so an open costs the daemon three calls and the caller one round trip.
  return new ProbedOnDemand(rpc, keepalive.value);
}

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Error };

function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error: error instanceof Error ? error : new Error(String(error)) }),
  );
}

function saslContext(options: ConnectionOptions & { readonly transport?: TransportInfo }): SaslContext {
  const auth = options.auth;
  return {
    host: auth?.host ?? 'localhost',
    ...(auth?.uriUser === undefined ? {} : { uriUser: auth.uriUser }),
    ...(auth?.authFile === undefined ? {} : { authFile: auth.authFile }),
    ...(auth?.environment === undefined ? {} : { environment: auth.environment }),
    ...(auth?.onWarning === undefined ? {} : { onWarning: auth.onWarning }),
    ...(options.prompts === undefined ? {} : { prompts: options.prompts }),
    confidential: isConfidential(options.transport),
  };
}
