import type { ConnectionProfile } from '../../../shared/model';
import type { SettingsNotice, SettingsStore } from './settings-store';

/**
 * The connection manager's view of the settings (its ProfileStore: profiles in, profiles
 * out); what the load has to tell the person goes to onNotice instead of being lost.
 */
export function asProfileStore(
  store: SettingsStore,
  onNotice: (notice: SettingsNotice) => void,
): { load(): Promise<ConnectionProfile[]>; save(profiles: readonly ConnectionProfile[]): Promise<void> } {
  return {
    async load() {
      const result = await store.load();
      if (result.notice) onNotice(result.notice);
      return result.profiles;
    },
    save: (profiles) => store.save(profiles),
  };
}

/** One sentence for a log or a banner. */
export function describeNotice(notice: SettingsNotice): string {
  return notice.message;
}
