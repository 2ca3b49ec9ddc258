/**
 * Every connection the app knows: the saved profiles, and for each a LiveConnection that
 * owns its transport. Every live resource sits in one map keyed by profile id and is
 * torn down with it.
 */
import { randomUUID } from 'node:crypto';
import { parseLibvirtUri } from '../../../shared/uri';
import { assertUriAllowed, NO_POLICY, PolicyError, type AdminPolicy } from '../../policy';
import type { ConnectionProfile, ConnectionView, ProfileInput } from '../../../shared/model';
import { AppFailure } from '../app-failure';
import type { EventSink } from '../ipc/event-sink';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { LiveConnection, type Opener } from './live-connection';
import { DEFAULT_STATS_INTERVAL_MS } from './stats-poller';

/** Where profiles live between runs; the settings module provides the real one. */
export interface ProfileStore {
  load(): Promise<ConnectionProfile[]>;
  save(profiles: readonly ConnectionProfile[]): Promise<void>;
}

export interface ManagerOptions {
  readonly store: ProfileStore;
  readonly sink: EventSink;
  readonly open: Opener;
  readonly onGone: (connectionId: string) => void;
  readonly backoff?: BackoffPolicy;
  readonly statsIntervalMs?: number;
  /** The administrator's rules and managed connections; none when absent. */
  readonly policy?: AdminPolicy;
}

/** A display name when the admin gave none: the host, or the whole URI. */
export function defaultName(uri: string): string {
  const parsed = parseLibvirtUri(uri);
  if (!parsed.ok) return uri;
  const { host, driver, path } = parsed.uri;
  return host === undefined ? uri : `${host} (${driver}${path === '/' ? '' : path})`;
}

/** A URI that parses and that the policy allows, as the text to keep. */
function validatedUri(uri: string, policy: AdminPolicy): string {
  const parsed = parseLibvirtUri(uri);
  if (!parsed.ok) throw new AppFailure('invalid-uri', parsed.error.message);
  assertUriAllowed(policy, parsed.uri);
  return parsed.uri.text;
}

export class ConnectionManager {
  private readonly live = new Map<string, LiveConnection>();
  /** Ids of the policy's connections: shown, opened, never edited, removed or saved. */
  private readonly managed = new Set<string>();
  private readonly policy: AdminPolicy;

  private constructor(private readonly options: ManagerOptions) {
    this.policy = options.policy ?? NO_POLICY;
  }

  /** Loads the managed and saved profiles and opens the ones marked autoconnect (without waiting). */
  static async start(options: ManagerOptions): Promise<ConnectionManager> {
    const manager = new ConnectionManager(options);
    for (const profile of manager.policy.connections) {
      manager.managed.add(profile.id);
      manager.track(profile);
    }
    // A saved profile under a managed id (from a file edited by hand) yields to the managed one.
    for (const profile of await options.store.load()) if (!manager.managed.has(profile.id)) manager.track(profile);
    for (const entry of manager.live.values()) {
      if (entry.profile.autoconnect) entry.open().catch(() => undefined);
    }
    return manager;
  }

  list(): ConnectionView[] {
    return [...this.live.values()].map((entry) =>
      this.managed.has(entry.id) ? { profile: entry.profile, state: entry.state, managed: true } : { profile: entry.profile, state: entry.state });
  }

  async add(input: ProfileInput): Promise<ConnectionProfile> {
    if (this.policy.rules.forbidNewConnections) {
      throw new PolicyError('forbidNewConnections', this.policy.file, 'new connections cannot be saved; use the managed ones, or ask your administrator');
    }
    const uri = validatedUri(input.uri, this.policy);
    const profile: ConnectionProfile = {
      id: randomUUID().replace(/-/g, ''),
      uri,
      name: input.name.trim() === '' ? defaultName(uri) : input.name.trim(),
      autoconnect: input.autoconnect,
      reconnect: input.reconnect,
    };
    this.track(profile);
    await this.persist();
    return profile;
  }

  async update(id: string, patch: Partial<ProfileInput>): Promise<ConnectionProfile> {
    const entry = this.get(id);
    this.assertNotManaged(entry, 'edited');
    const uri = patch.uri === undefined ? entry.profile.uri : validatedUri(patch.uri, this.policy);
    const name = patch.name === undefined ? entry.profile.name : patch.name.trim() === '' ? defaultName(uri) : patch.name.trim();
    const next: ConnectionProfile = { ...entry.profile, ...patch, uri, name };
    if (next.uri !== entry.profile.uri) await entry.close();
    entry.profile = next;
    await this.persist();
    return next;
  }

  async remove(id: string): Promise<void> {
    const entry = this.get(id);
    this.assertNotManaged(entry, 'removed');
    await entry.dispose();
    this.live.delete(id);
    await this.persist();
  }

  open(id: string): Promise<void> {
    return this.get(id).open();
  }

  close(id: string): Promise<void> {
    return this.get(id).close();
  }

  get(id: string): LiveConnection {
    const entry = this.live.get(id);
    if (!entry) throw new AppFailure('not-found', `no connection with id ${id}`);
    return entry;
  }

  /** Closes everything: app quit, or the last window gone. */
  async dispose(): Promise<void> {
    await Promise.allSettled([...this.live.values()].map((entry) => entry.close()));
  }

  private track(profile: ConnectionProfile): void {
    this.live.set(
      profile.id,
      new LiveConnection(profile, {
        open: this.options.open,
        sink: this.options.sink,
        backoff: this.options.backoff ?? DEFAULT_BACKOFF,
        statsIntervalMs: this.options.statsIntervalMs ?? DEFAULT_STATS_INTERVAL_MS,
        onGone: this.options.onGone,
      }),
    );
  }

  private assertNotManaged(entry: LiveConnection, verb: 'edited' | 'removed'): void {
    if (this.managed.has(entry.id)) {
      throw new PolicyError('managed', this.policy.file, `${entry.profile.name} is a managed connection and cannot be ${verb}`);
    }
  }

  /** Saves people's own profiles; managed ones come from the policy file at each start. */
  private async persist(): Promise<void> {
    await this.options.store.save([...this.live.values()].filter((entry) => !this.managed.has(entry.id)).map((entry) => entry.profile));
    this.options.sink.emit('connections.changed', this.list());
  }
}
