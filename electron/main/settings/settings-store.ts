/**
 * The connection profiles on disk. One store per file; loads and saves pass through one
 * queue, so a load never moves aside a file a save is replacing, and concurrent saves
 * land in call order (the last one wins).
 */
import { access, readFile, rename } from 'node:fs/promises';
import type { ConnectionProfile } from '../../../shared/model';
import { AppFailure } from '../app-failure';
import { writeFileAtomic } from './atomic-write';
import { decodeSettings, encodeSettings, type CorruptReason } from './codec';
import { defaultProfiles } from './defaults';
import { SerialQueue } from './serial-queue';

/** Something the person should hear about the load, beyond the profiles themselves. */
export type SettingsNotice =
  | {
      readonly kind: 'recovered-from-corrupt';
      /** Where the unreadable file now is, kept for the curious and for support. */
      readonly movedTo: string;
      readonly reason: CorruptReason;
      readonly message: string;
    };

export interface LoadResult {
  readonly profiles: ConnectionProfile[];
  /** No file existed: these are the defaults. */
  readonly firstRun: boolean;
  readonly notice?: SettingsNotice;
}

export interface SettingsStoreOptions {
  /** The settings file (Electron's userData dir in the app; a temp dir in tests). */
  readonly file: string;
  readonly now?: () => Date;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class SettingsStore {
  readonly file: string;
  private readonly queue = new SerialQueue();
  private readonly now: () => Date;

  constructor(options: SettingsStoreOptions) {
    this.file = options.file;
    this.now = options.now ?? (() => new Date());
  }

  load(): Promise<LoadResult> {
    return this.queue.run(() => this.loadNow());
  }

  /** Resolves once the profiles are durably on disk; rejects with an AppFailure of kind 'settings'. */
  save(profiles: readonly ConnectionProfile[]): Promise<void> {
    // Encoded now, not when the queue reaches it: the caller may mutate its array meanwhile.
    const encoded = encodeSettings(profiles);
    if (!encoded.ok) return Promise.reject(new AppFailure('settings', `refusing to save connection profiles: ${encoded.message}`));
    return this.queue.run(() => this.write(encoded.text));
  }

  private async loadNow(): Promise<LoadResult> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { profiles: defaultProfiles(), firstRun: true };
      throw new AppFailure('settings', `cannot read the settings file ${this.file}`, describe(error));
    }
    const decoded = decodeSettings(text);
    if (!decoded.ok) {
      const movedTo = await this.moveAside();
      const message = `The settings file could not be read (${decoded.message}); it was moved to ${movedTo} and the defaults were loaded.`;
      return { profiles: defaultProfiles(), firstRun: false, notice: { kind: 'recovered-from-corrupt', movedTo, reason: decoded.reason, message } };
    }
    if (decoded.rewrite) {
      // A scrubbed file is written back at once, so a stray password does not linger on
      // disk until the next change.
      // Best effort: the profiles loaded fine, and a read-only file must not stop the app.
      const encoded = encodeSettings(decoded.profiles);
      if (encoded.ok) await this.write(encoded.text).catch(() => undefined);
    }
    return { profiles: decoded.profiles, firstRun: false };
  }

  private async write(text: string): Promise<void> {
    try {
      await writeFileAtomic(this.file, text);
    } catch (error) {
      throw new AppFailure('settings', `cannot save the settings file ${this.file}`, describe(error));
    }
  }

  /** Keeps the unreadable file beside the new one instead of overwriting what may be repairable. */
  private async moveAside(): Promise<string> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    for (let attempt = 0; ; attempt += 1) {
      const candidate = `${this.file}.corrupt-${stamp}${attempt === 0 ? '' : `-${String(attempt)}`}`;
      if (await exists(candidate)) continue;
      try {
        await rename(this.file, candidate);
        return candidate;
      } catch (error) {
        throw new AppFailure('settings', `cannot move the unreadable settings file ${this.file} aside`, describe(error));
      }
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
