/**
 * Main's services wired together, with no Electron in sight: the Electron shell and the
 * browser bridge both start the app through this one function.
 */
import { isUnverified } from '../libvirt';
import { openUri, type OpenUriOptions } from '../libvirt';
import { assertUriTextAllowed, NO_POLICY, promptsUnderPolicy, type AdminPolicy } from '../policy';
import type { AppInfo } from '../../shared/ipc';
import type { ConnectionProfile } from '../../shared/model';
import type { BackoffPolicy } from './connections/backoff';
import { ConnectionManager, type ProfileStore } from './connections/manager';
import { PromptBroker } from './connections/prompt-broker';
import { promptsFor, type WhileAsking } from './connections/transport-prompts';
import { testUri } from './connections/test-uri';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import type { EventSink } from './ipc/event-sink';
import { createHandlers } from './ipc/handlers';

export const CONNECT_TIMEOUT_MS = 15_000;

export interface MainServices {
  readonly dispatch: Dispatch;
  readonly manager: ConnectionManager;
  readonly prompts: PromptBroker;
  dispose(): Promise<void>;
}

export interface MainServicesOptions {
  readonly store: ProfileStore;
  readonly sink: EventSink;
  readonly appInfo: Omit<AppInfo, 'notices'>;
  /** What loading the settings had to tell the person; read whenever the window asks. */
  readonly notices?: () => readonly string[];
  readonly backoff?: BackoffPolicy;
  readonly statsIntervalMs?: number;
  readonly promptTimeoutMs?: number;
  /** The administrator's policy as loaded at start (its notice, if any, is among `notices`). */
  readonly policy?: AdminPolicy;
  /** Overrides of the connection defaults (tests use short keepalive and handshake bounds). */
  readonly connection?: Pick<OpenUriOptions, 'keepalive' | 'handshakeTimeoutMs' | 'connectTimeoutMs'>;
}

export async function createMainServices(options: MainServicesOptions): Promise<MainServices> {
  const prompts = new PromptBroker(options.sink, options.promptTimeoutMs);
  const policy = options.policy ?? NO_POLICY;
  const open = async (profile: ConnectionProfile, whileAsking: WhileAsking) => {
    // Checked at every open, so a profile saved before the policy arrived obeys it too.
    assertUriTextAllowed(policy, profile.uri);
    const connection = await openUri(profile.uri, {
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      handshakeTimeoutMs: CONNECT_TIMEOUT_MS,
      prompts: promptsUnderPolicy(policy, promptsFor(profile.id, prompts, whileAsking)),
      ...options.connection,
    });
    // TLS opened with no_verify=1 over a certificate that failed, or SSH with host-key
    // checks off: encrypted, but nothing vouches for the peer.
    return { connection, verified: connection.transport === undefined || !isUnverified(connection.transport) };
  };
  const manager = await ConnectionManager.start({
    store: options.store,
    sink: options.sink,
    open,
    onGone: (id) => { prompts.cancelFor(id); },
    policy,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.statsIntervalMs ? { statsIntervalMs: options.statsIntervalMs } : {}),
  });
  const dispatch = createDispatch(createHandlers({ manager, prompts, sink: options.sink, appInfo: options.appInfo, notices: options.notices ?? (() => []), testUri: (uri) => testUri(uri, open) }));
  return {
    dispatch,
    manager,
    prompts,
    dispose: async () => {
      prompts.dispose();
      await manager.dispose();
    },
  };
}
