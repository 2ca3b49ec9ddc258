/**
 * virtdeck-cli's command line. Only what parsing needs is loaded at start: the library,
 * the transports and each command's code are imported when a command runs, so `--help`
 * and `--version` cost little more than Node's own start, and `info` never loads `list`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Connection } from '../libvirt';
import { assertUriTextAllowed, loadAdminPolicy, policyFile, promptsUnderPolicy } from '../policy';
import { isLifecycleAction, LIFECYCLE_ACTIONS } from './commands';
import { isManageCommand, pickManageJob } from './manage-commands';
import { describeError } from './describe-error';
import { terminalPrompts } from './terminal-prompts';

const USAGE = `usage: virtdeck-cli <command> -c URI [options]

commands:
  info                      the host: type, versions, hostname, CPUs and memory
  list [--all]              domains (running only, unless --all)
  ${LIFECYCLE_ACTIONS.join('|')} NAME   drive one domain, by name or UUID
  console NAME [--devname D] [--force]
                            the domain's serial console (Ctrl+] leaves; without a
                            terminal, stdin goes to it and it goes to stdout)
  screenshot NAME --file F  save an image of the domain's screen to F
  define FILE               define a domain from its XML in FILE
  undefine NAME [--remove-storage]
                            undefine a shut-off domain; with --remove-storage, also
                            delete the volumes of its writable disks
  vol-list POOL [--json]    the volumes of a storage pool
  vol-create POOL NAME SIZE [--format qcow2|raw]
                            a new volume (SIZE like 16M, 1G; raw unless --format)
  vol-upload POOL NAME FILE fill a volume with FILE through a libvirt stream
  snapshot-list NAME [--json]
                            the domain's snapshots, with parent and current
  snapshot-create NAME [--name S] [--description D]
  snapshot-revert NAME SNAPSHOT
  snapshot-delete NAME SNAPSHOT
  clone NAME NEWNAME        copy a shut-off domain, its disks as new volumes

options:
  -c, --connect URI         the libvirt URI (default: $LIBVIRT_DEFAULT_URI, else test:///default)
  --json                    machine-readable output (info, list, vol-list, snapshot-list)
  --timeout SECONDS         give up connecting and opening after this long (default 30)
  -V, --version             the version of virtdeck-cli
  -h, --help                this text

The administrator's policy (${policyFile()}) applies here as in the app.`;

/** Read only when asked: from out/cli/ and from electron/cli/ alike, two levels up. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/** Exit codes: 0 done, 1 the operation failed, 2 the command line was wrong. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        connect: { type: 'string', short: 'c' },
        json: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        devname: { type: 'string' },
        force: { type: 'boolean', default: false },
        file: { type: 'string' },
        'remove-storage': { type: 'boolean', default: false },
        format: { type: 'string' },
        name: { type: 'string' },
        description: { type: 'string' },
        timeout: { type: 'string', default: '30' },
        version: { type: 'boolean', short: 'V', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`virtdeck-cli: ${describeError(error)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) {
    process.stdout.write(`virtdeck-cli ${version()}\n`);
    return 0;
  }
  if (values.help || command === undefined) {
    (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    process.stderr.write(`virtdeck-cli: --timeout takes a number of seconds, got '${values.timeout}'\n`);
    return 2;
  }
  const timeoutMs = Math.round(timeoutSeconds * 1000);
  const uri = values.connect ?? process.env.LIBVIRT_DEFAULT_URI ?? 'test:///default';
  const job = isManageCommand(command)
    ? pickManageJob(command, rest, {
      json: values.json,
      removeStorage: values['remove-storage'],
      format: values.format,
      name: values.name,
      description: values.description,
    })
    : pickJob(command, rest, values);
  if (typeof job === 'string') {
    process.stderr.write(`virtdeck-cli: ${job}\n${USAGE}\n`);
    return 2;
  }
  // The same policy as the app's: a broken file is said once and its strict switches apply.
  const admin = await loadAdminPolicy(policyFile());
  if (admin.kind === 'broken') process.stderr.write(`virtdeck-cli: ${admin.message}\n`);
  let conn: Connection | undefined;
  try {
    assertUriTextAllowed(admin.policy, uri);
    const { openUri } = await import('../libvirt');
    conn = await openUri(uri, {
      connectTimeoutMs: timeoutMs,
      handshakeTimeoutMs: timeoutMs,
      // A getter: process.stdin is opened only if a question is asked (see terminalPrompts).
      prompts: promptsUnderPolicy(admin.policy, terminalPrompts({ get input() { return process.stdin; }, output: process.stderr })),
      auth: { onWarning: (message) => { process.stderr.write(`virtdeck-cli: warning: ${message}\n`); } },
    });
    const output = await job(conn);
    if (output !== null) process.stdout.write(`${output}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`virtdeck-cli: ${describeError(error)}\n`);
    return 1;
  } finally {
    await conn?.close().catch(() => undefined);
  }
}

/** A command's work; what it returns is printed, null when it already wrote its output. */
type Job = (conn: Connection) => Promise<string | null>;

interface JobOptions {
  readonly json: boolean;
  readonly all: boolean;
  readonly devname?: string | undefined;
  readonly force: boolean;
  readonly file?: string | undefined;
}

/** The job a command line asks for, or what is wrong with it. */
function pickJob(command: string, rest: readonly string[], options: JobOptions): Job | string {
  const { json, all } = options;
  if (command === 'info' || command === 'list') {
    if (rest.length > 0) return `'${command}' takes no argument, got '${rest.join(' ')}'`;
  }
  if (command === 'info') {
    return async (conn) => {
      const { formatHostInfo, hostInfoJson } = await import('./info');
      const info = await hostInfoJson(conn);
      return json ? JSON.stringify(info, null, 2) : formatHostInfo(info);
    };
  }
  if (command === 'list') {
    return async (conn) => {
      const { formatDomainTable, listDomainRows, listDomainStates } = await import('./list');
      if (json) return JSON.stringify(await listDomainRows(conn, { all }), null, 2);
      return formatDomainTable(await listDomainStates(conn, { all }));
    };
  }
  if (isLifecycleAction(command)) {
    const [name, ...extra] = rest;
    if (name === undefined) return `'${command}' needs a domain name or UUID`;
    if (extra.length > 0) return `'${command}' takes one domain, got '${rest.join(' ')}'`;
    return async (conn) => (await import('./lifecycle')).runLifecycle(conn, command, name);
  }
  if (command === 'console' || command === 'screenshot') {
    const [name, ...extra] = rest;
    if (name === undefined) return `'${command}' needs a domain name or UUID`;
    if (extra.length > 0) return `'${command}' takes one domain, got '${rest.join(' ')}'`;
    if (command === 'console') {
      const request = { domain: name, devName: options.devname, force: options.force };
      return async (conn) => (await import('./console')).runConsole(conn, request, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    }
    const file = options.file;
    if (file === undefined || file === '') return `'screenshot' needs --file F, the file to save the image to`;
    return async (conn) => (await import('./screenshot')).runScreenshot(conn, name, file);
  }
  return `unknown command '${command}'`;
}
