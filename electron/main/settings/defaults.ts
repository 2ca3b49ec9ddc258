import type { ConnectionProfile } from '../../../shared/model';

/**
 * What a first run starts with: the embedded test driver, which needs no hypervisor, so
 * the app shows a working host the moment it opens.
 */
export function defaultProfiles(): ConnectionProfile[] {
  return [{ id: 'embedded-test', uri: 'test:///default', name: 'Embedded test host', autoconnect: true, reconnect: false }];
}
