/**
 * Main's services wired together, with no Electron in sight: the Electron shell and the
 * browser bridge both start the app through this one function.
 */
import { openUri } from '../libvirt/connect';
import { parseLibvirtUri } from '../../shared/uri';
import type { AppInfo } from '../../shared/ipc';
import type { ConnectionProfile } from '../../shared/model';
import type { BackoffPolicy } from './connections/backoff';
import { ConnectionManager, type ProfileStore } from './connections/manager';
import { PromptBroker } from './connections/prompt-broker';
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
  readonly appInfo: AppInfo;
  readonly backoff?: BackoffPolicy;
  readonly statsIntervalMs?: number;
  readonly promptTimeoutMs?: number;
}

/** TLS with no_verify=1 and SSH with host-key checks off are open but not verified. */
function isVerified(uri: string): boolean {
  const parsed = parseLibvirtUri(uri);
  if (!parsed.ok) return false;
  return parsed.uri.client.noVerify !== true && parsed.uri.client.knownHostsVerify !== 'ignore';
}

export async function createMainServices(options: MainServicesOptions): Promise<MainServices> {
  const prompts = new PromptBroker(options.sink, options.promptTimeoutMs);
  const open = async (profile: ConnectionProfile) => ({
    connection: await openUri(profile.uri, { connectTimeoutMs: CONNECT_TIMEOUT_MS, handshakeTimeoutMs: CONNECT_TIMEOUT_MS }),
    verified: isVerified(profile.uri),
  });
  const manager = await ConnectionManager.start({
    store: options.store,
    sink: options.sink,
    open,
    onGone: (id) => { prompts.cancelFor(id); },
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.statsIntervalMs ? { statsIntervalMs: options.statsIntervalMs } : {}),
  });
  const dispatch = createDispatch(createHandlers({ manager, prompts, appInfo: options.appInfo }));
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
