/**
 * The command lines of the managing commands (define, undefine, vol-*, snapshot-*, clone):
 * checked here, where nothing but parsing is loaded; the work is imported when one runs.
 */
import type { Connection } from '../libvirt';
import { parseSize } from './size';

export const MANAGE_COMMANDS = [
  'define', 'undefine', 'vol-list', 'vol-create', 'vol-upload',
  'snapshot-list', 'snapshot-create', 'snapshot-revert', 'snapshot-delete', 'clone',
] as const;
export type ManageCommand = (typeof MANAGE_COMMANDS)[number];

export function isManageCommand(word: string): word is ManageCommand {
  return (MANAGE_COMMANDS as readonly string[]).includes(word);
}

export interface ManageOptions {
  readonly json: boolean;
  readonly removeStorage: boolean;
  readonly format?: string | undefined;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
}

type Job = (conn: Connection) => Promise<string | null>;

/** What each command takes, in order, for its usage error. */
const ARGUMENTS: Readonly<Record<ManageCommand, readonly string[]>> = {
  'define': ['FILE'],
  'undefine': ['NAME'],
  'vol-list': ['POOL'],
  'vol-create': ['POOL', 'NAME', 'SIZE'],
  'vol-upload': ['POOL', 'NAME', 'FILE'],
  'snapshot-list': ['NAME'],
  'snapshot-create': ['NAME'],
  'snapshot-revert': ['NAME', 'SNAPSHOT'],
  'snapshot-delete': ['NAME', 'SNAPSHOT'],
  'clone': ['NAME', 'NEWNAME'],
};

const load = (): Promise<typeof import('./manage')> => import('./manage');

/** The job, or what is wrong with the command line. */
export function pickManageJob(command: ManageCommand, args: readonly string[], options: ManageOptions): Job | string {
  const wanted = ARGUMENTS[command];
  if (args.length !== wanted.length) {
    return `'${command}' takes ${wanted.join(' ')}, got ${args.length === 0 ? 'nothing' : `'${args.join(' ')}'`}`;
  }
  const [a = '', b = '', c = ''] = args;
  switch (command) {
    case 'define':
      return async (conn) => (await load()).defineFromFile(conn, a);
    case 'undefine':
      return async (conn) => (await load()).undefine(conn, a, options.removeStorage);
    case 'vol-list':
      return async (conn) => (await load()).volumeList(conn, a, options.json);
    case 'vol-create': {
      const format = options.format ?? 'raw';
      if (format !== 'qcow2' && format !== 'raw') return `--format takes qcow2 or raw, got '${format}'`;
      let size: bigint;
      try {
        size = parseSize(c);
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
      return async (conn) => (await load()).volumeCreate(conn, a, { name: b, capacityBytes: size, format });
    }
    case 'vol-upload':
      return async (conn) => (await load()).volumeUpload(conn, a, b, c);
    case 'snapshot-list':
      return async (conn) => (await load()).snapshotList(conn, a, options.json);
    case 'snapshot-create':
      return async (conn) => (await load()).snapshotCreate(conn, a, { name: options.name, description: options.description });
    case 'snapshot-revert':
      return async (conn) => (await load()).snapshotRevert(conn, a, b);
    case 'snapshot-delete':
      return async (conn) => (await load()).snapshotDelete(conn, a, b);
    case 'clone':
      return async (conn) => (await load()).clone(conn, a, b);
  }
}
