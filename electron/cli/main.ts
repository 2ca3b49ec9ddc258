import { parseArgs } from 'node:util';
import { openUri } from '../libvirt';
import type { Connection } from '../libvirt';
import { describeError } from './describe-error';
import { formatHostInfo, hostInfoJson } from './info';
import { isLifecycleAction, LIFECYCLE_ACTIONS, runLifecycle } from './lifecycle';
import { terminalPrompts } from './terminal-prompts';
import { runConsole } from './console';
import { runScreenshot } from './screenshot';
import { formatDomainTable, listDomainRows, listDomainStates } from './list';

const USAGE = `usage: virtdeck-cli <command> -c URI [options]

commands:
  info                      the host: type, versions, hostname, CPUs and memory
  list [--all]              domains (running only, unless --all)
  ${LIFECYCLE_ACTIONS.join('|')} NAME   drive one domain, by name or UUID
  console NAME [--devname D] [--force]
                            the domain's serial console (Ctrl+] leaves; without a
                            terminal, stdin goes to it and it goes to stdout)
  screenshot NAME --file F  save an image of the domain's screen to F

options:
  -c, --connect URI         the libvirt URI (default: $LIBVIRT_DEFAULT_URI, else test:///default)
  --json                    machine-readable output (info, list)
  --timeout SECONDS         give up connecting and opening after this long (default 30)
  -h, --help                this text`;

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
        timeout: { type: 'string', default: '30' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`virtdeck-cli: ${describeError(error)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
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
  const job = pickJob(command, rest, values);
  if (typeof job === 'string') {
    process.stderr.write(`virtdeck-cli: ${job}\n${USAGE}\n`);
    return 2;
  }
  let conn: Connection | undefined;
  try {
    conn = await openUri(uri, {
      connectTimeoutMs: timeoutMs,
      handshakeTimeoutMs: timeoutMs,
      prompts: terminalPrompts({ input: process.stdin, output: process.stderr }),
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
      const info = await hostInfoJson(conn);
      return json ? JSON.stringify(info, null, 2) : formatHostInfo(info);
    };
  }
  if (command === 'list') {
    return async (conn) => {
      if (json) return JSON.stringify(await listDomainRows(conn, { all }), null, 2);
      return formatDomainTable(await listDomainStates(conn, { all }));
    };
  }
  if (isLifecycleAction(command)) {
    const [name, ...extra] = rest;
    if (name === undefined) return `'${command}' needs a domain name or UUID`;
    if (extra.length > 0) return `'${command}' takes one domain, got '${rest.join(' ')}'`;
    return (conn) => runLifecycle(conn, command, name);
  }
  if (command === 'console' || command === 'screenshot') {
    const [name, ...extra] = rest;
    if (name === undefined) return `'${command}' needs a domain name or UUID`;
    if (extra.length > 0) return `'${command}' takes one domain, got '${rest.join(' ')}'`;
    if (command === 'console') {
      const request = { domain: name, devName: options.devname, force: options.force };
      return (conn) => runConsole(conn, request, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    }
    const file = options.file;
    if (file === undefined || file === '') return `'screenshot' needs --file F, the file to save the image to`;
    return (conn) => runScreenshot(conn, name, file);
  }
  return `unknown command '${command}'`;
}
