/**
 * The contract's handlers as plain functions over their dependencies, so they run in a
 * test without Electron exactly as they run behind ipcMain or the bridge.
 */
import { runDomainAction, type Connection, type DomainRef } from '../../libvirt';
import type { AppInfo } from '../../../shared/ipc';
import type { HostInfo } from '../../../shared/model';
import { AppFailure } from '../app-failure';
import { isNoDomain, listDomainSummaries } from '../connections/domain-summaries';
import type { ConnectionManager } from '../connections/manager';
import type { PromptBroker } from '../connections/prompt-broker';
import type { Handlers } from './dispatch';

export interface HandlerDeps {
  readonly manager: ConnectionManager;
  readonly prompts: PromptBroker;
  readonly appInfo: Omit<AppInfo, 'notices'>;
  /** Read at each call: notices arrive while the services start. */
  readonly notices: () => readonly string[];
  /** Opens a URI once, outside any profile, and returns the host's facts: Test connection. */
  readonly testUri: (uri: string) => Promise<HostInfo>;
}

async function domainByUuid(conn: Connection, uuid: string): Promise<DomainRef> {
  try {
    return await conn.lookupDomainByUuid(uuid);
  } catch (error) {
    if (isNoDomain(error)) throw new AppFailure('not-found', `no domain with UUID ${uuid} on this host; it may have been undefined`);
    throw error;
  }
}

export function createHandlers({ manager, prompts, appInfo, notices, testUri }: HandlerDeps): Handlers {
  const conn = (id: string): Connection => manager.get(id).requireOpen();
  return {
    'app.info': () => Promise.resolve({ ...appInfo, notices: [...notices()] }),
    'connections.list': () => Promise.resolve(manager.list()),
    'connections.add': (input) => manager.add(input),
    'connections.update': (id, patch) => manager.update(id, patch),
    'connections.remove': async (id) => { await manager.remove(id); return null; },
    'connections.open': async (id) => { await manager.open(id); return null; },
    'connections.close': async (id) => { await manager.close(id); return null; },
    'connections.test': (uri) => testUri(uri),
    'host.info': (id) => manager.get(id).host(),
    'host.capabilities': (id) => conn(id).capabilities(),
    'domains.list': (id) => listDomainSummaries(conn(id)),
    // The outcome reaches every window as domain.changed (or domain.removed): one lookup
    // of this domain, not a re-list; its lifecycle event, when the driver sends one, adds one more.
    'domains.action': async (id, uuid, action) => {
      const c = conn(id);
      await runDomainAction(c, await domainByUuid(c, uuid), action);
      await manager.get(id).refreshDomain(uuid);
      return null;
    },
    'domains.xml': async (id, uuid) => {
      const c = conn(id);
      return c.domainXml(await domainByUuid(c, uuid));
    },
    'networks.list': async (id) => (await conn(id).listNetworks()).map((n) => ({ uuid: n.uuid, name: n.name, active: n.active, autostart: n.autostart })),
    'pools.list': async (id) =>
      (await conn(id).listStoragePools()).map((p) => ({
        uuid: p.uuid,
        name: p.name,
        state: p.state,
        capacity: Number(p.capacityBytes),
        allocation: Number(p.allocationBytes),
        available: Number(p.availableBytes),
      })),
    'stats.subscribe': (id, owner) => { manager.get(id).watchStats(owner); return Promise.resolve(null); },
    'stats.unsubscribe': (id, owner) => { manager.get(id).unwatchStats(owner); return Promise.resolve(null); },
    'prompts.answer': (promptId, answer) => { prompts.answer(promptId, answer); return Promise.resolve(null); },
    'prompts.list': () => Promise.resolve(prompts.pending()),
  };
}
