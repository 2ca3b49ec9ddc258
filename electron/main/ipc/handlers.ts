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
import type { EventSink } from './event-sink';
import { hostLink } from './host-link';
import { poolVolumes, runNetworkAction, runPoolAction } from './object-handlers';
import { networkView, poolView } from './object-views';
import { createConsoleHandlers } from './console-handlers';
import { createManageHandlers } from './manage-handlers';
import { createUploadHandlers } from './upload-handlers';
import { createDomainStorageHandlers } from './domain-storage-handlers';
import { domainFacts } from './domain-facts';

export interface HandlerDeps {
  readonly manager: ConnectionManager;
  readonly prompts: PromptBroker;
  /** Where an upload's progress goes. */
  readonly sink: EventSink;
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

export function createHandlers({ manager, prompts, sink, appInfo, notices, testUri }: HandlerDeps): Handlers {
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
    'domains.facts': async (id, uuid) => {
      const c = conn(id);
      return domainFacts(c, await domainByUuid(c, uuid));
    },
    'domains.setAutostart': async (id, uuid, autostart) => {
      const c = conn(id);
      await c.domainSetAutostart(await domainByUuid(c, uuid), autostart);
      return null;
    },
    'networks.list': async (id) => (await conn(id).listNetworks()).map(networkView),
    'pools.list': async (id) => (await conn(id).listStoragePools()).map(poolView),
    'stats.subscribe': (id, owner) => { manager.get(id).watchStats(owner); return Promise.resolve(null); },
    'stats.unsubscribe': (id, owner) => { manager.get(id).unwatchStats(owner); return Promise.resolve(null); },
    'prompts.answer': (promptId, answer) => { prompts.answer(promptId, answer); return Promise.resolve(null); },
    'prompts.list': () => Promise.resolve(prompts.pending()),
    'host.link': (id) => Promise.resolve(hostLink(conn(id))),
    'host.ping': async (id) => {
      const c = conn(id);
      const start = performance.now();
      await c.ping();
      return performance.now() - start;
    },
    'host.stats.subscribe': (id, owner) => { manager.get(id).watchHostStats(owner); return Promise.resolve(null); },
    'host.stats.unsubscribe': (id, owner) => { manager.get(id).unwatchHostStats(owner); return Promise.resolve(null); },
    'domain.stats.subscribe': async (id, uuid, owner) => { await manager.get(id).watchDomainStats(owner, uuid); return null; },
    'domain.stats.unsubscribe': (id, uuid, owner) => { manager.get(id).unwatchDomainStats(owner, uuid); return Promise.resolve(null); },
    'networks.action': async (id, uuid, action) => { await runNetworkAction(conn(id), uuid, action); return null; },
    'pools.action': async (id, uuid, action) => { await runPoolAction(conn(id), uuid, action); return null; },
    'pools.volumes': (id, uuid) => poolVolumes(conn(id), uuid),
    ...createConsoleHandlers(manager, domainByUuid, prompts),
    ...createManageHandlers(manager, domainByUuid),
    ...createUploadHandlers(manager, sink),
    ...createDomainStorageHandlers(manager, domainByUuid),
  };
}
