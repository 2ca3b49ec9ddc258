/**
 * libvirt's client auth file (docs/auth.rst): where libvirt looks for it, and what it says
 * for one service and host. The file is read when a connection needs credentials and
 * nothing of it is kept.
 *
 *   [credentials-lab]
 *   authname=admin
 *   password=...
 *   [auth-libvirt-host.example]     (or [auth-libvirt-default] for every other host)
 *   credentials=lab
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface AuthFileEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly exists: (path: string) => boolean;
}

export function processAuthFileEnvironment(): AuthFileEnvironment {
  return { env: process.env, home: process.env.HOME ?? homedir(), exists: existsSync };
}

/** The auth file libvirt would read, in its order; undefined when there is none. */
export function locateAuthFile(authfileParam: string | undefined, where: AuthFileEnvironment): string | undefined {
  // The URI's authfile= and LIBVIRT_AUTH_FILE are taken as given, like libvirt, even if missing:
  // reading it then fails with a clear message instead of silently falling back.
  if (authfileParam !== undefined && authfileParam !== '') return authfileParam;
  const fromEnv = where.env.LIBVIRT_AUTH_FILE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const configHome = where.env.XDG_CONFIG_HOME || join(where.home, '.config');
  for (const candidate of [join(configHome, 'libvirt', 'auth.conf'), '/etc/libvirt/auth.conf']) {
    if (where.exists(candidate)) return candidate;
  }
  return undefined;
}

/** The file is not what libvirt accepts; the message names the file and what is wrong. */
export class AuthFileError extends Error {
  readonly kind = 'auth-file';
  constructor(readonly file: string, problem: string) {
    super(`libvirt auth file ${file}: ${problem}`);
    this.name = 'AuthFileError';
  }
}

type Groups = ReadonlyMap<string, ReadonlyMap<string, string>>;

function parseGroups(file: string, text: string): Groups {
  const groups = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header?.[1] !== undefined) {
      current = groups.get(header[1]) ?? new Map<string, string>();
      groups.set(header[1], current);
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new AuthFileError(file, `line ${index + 1} is neither [group] nor key=value`);
    if (current === undefined) throw new AuthFileError(file, `line ${index + 1} comes before any [group]`);
    current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  });
  return groups;
}

/** What a file's credentials section holds for one service (libvirt, ssh) and host. */
export interface FileCredentials {
  readonly file: string;
  readonly values: ReadonlyMap<string, string>;
}

/**
 * The credentials for `service` on `host`: the [auth-SERVICE-HOST] group, else
 * [auth-SERVICE-default], whose `credentials=NAME` selects [credentials-NAME]. undefined when
 * neither group exists; a group that points nowhere is an error, as in libvirt.
 */
export function credentialsFor(file: string, text: string, service: string, host: string): FileCredentials | undefined {
  const groups = parseGroups(file, text);
  const authGroupName = [`auth-${service}-${host}`, `auth-${service}-default`].find((name) => groups.has(name));
  if (authGroupName === undefined) return undefined;
  const name = groups.get(authGroupName)?.get('credentials');
  if (name === undefined || name === '') throw new AuthFileError(file, `[${authGroupName}] has no credentials= naming a [credentials-NAME] group`);
  const values = groups.get(`credentials-${name}`);
  if (values === undefined) throw new AuthFileError(file, `[${authGroupName}] names credentials "${name}", but there is no [credentials-${name}] group`);
  return { file, values };
}

/** Reads the located file; a file named by authfile= or LIBVIRT_AUTH_FILE that cannot be read is an error. */
export function readAuthFileCredentials(file: string, service: string, host: string): FileCredentials | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AuthFileError(file, `cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  return credentialsFor(file, text, service, host);
}
