import { AppFailure } from '../../../electron/main/app-failure';
import { createDispatch, type Dispatch, type Handlers } from '../../../electron/main/ipc/dispatch';

function unsupported(): Promise<never> {
  return Promise.reject(new AppFailure('unsupported', 'not in this fake'));
}

/** A fake of main's handlers: app.info answers, domains.xml echoes its arguments, the rest refuse. */
export function fakeHandlers(version = '9.8.7-test'): Handlers {
  return {
    'app.info': () => Promise.resolve({ name: 'Virtdeck', version, shell: 'browser', notices: [] }),
    'connections.list': () => Promise.resolve([]),
    'connections.add': unsupported,
    'connections.update': unsupported,
    'connections.remove': () => Promise.resolve(null),
    'connections.open': () => Promise.reject(new AppFailure('not-found', 'no such connection')),
    'connections.close': unsupported,
    'connections.test': unsupported,
    'host.info': unsupported,
    'host.capabilities': unsupported,
    'domains.list': unsupported,
    'domains.action': unsupported,
    'domains.xml': (connectionId, uuid) => Promise.resolve(`<domain conn='${connectionId}' uuid='${uuid}'/>`),
    'networks.list': unsupported,
    'pools.list': unsupported,
    'stats.subscribe': unsupported,
    'stats.unsubscribe': unsupported,
    'prompts.answer': unsupported,
    'prompts.list': () => Promise.resolve([]),
    'host.link': unsupported,
    'host.ping': unsupported,
    'host.stats.subscribe': unsupported,
    'host.stats.unsubscribe': unsupported,
    'domain.stats.subscribe': unsupported,
    'domain.stats.unsubscribe': unsupported,
    'networks.action': unsupported,
    'pools.action': unsupported,
    'pools.volumes': unsupported,
    'domains.screenshot': unsupported,
    'consoles.devices': unsupported,
    'consoles.openSerial': unsupported,
    'consoles.openVnc': unsupported,
    'consoles.write': unsupported,
    'consoles.ack': unsupported,
    'consoles.close': unsupported,
    'domains.define': unsupported,
    'volumes.create': unsupported,
    'volumes.delete': unsupported,
    'snapshots.list': unsupported,
    'snapshots.create': unsupported,
    'snapshots.revert': unsupported,
    'snapshots.delete': unsupported,
    'volumes.upload': unsupported,
    'volumes.uploadCancel': unsupported,
    'domains.disks': unsupported,
    'domains.clone': unsupported,
    'domains.delete': unsupported,
    'domains.facts': unsupported,
    'domains.setAutostart': unsupported,
  };
}

export function fakeDispatch(version?: string): Dispatch {
  return createDispatch(fakeHandlers(version));
}
