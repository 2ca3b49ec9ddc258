/**
 * `npm run bench`: Virtdeck's libvirt client side by side with libvirt's own C client
 * (python3-libvirt, virsh) in one run, on one private libvirtd and one private sshd, over
 * unix, tcp, tls and ssh: the test driver holding 1000 domains (half running), and the
 * QEMU driver holding 200 defined domains (a few running) for the listing job. Prints each
 * row as it is measured, then the targets met or not. Every contender of every row
 * has a deadline: one that hangs gets a "did not finish" cell, and the run goes on. A
 * benchmark, not a test: it asserts nothing and is not part of the test command.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openUri, StatsGroup, type Connection } from '../electron/libvirt';
import { listDomainRows } from '../electron/cli/list';
import { startLibvirtd, stopLibvirtd } from '../test/helpers/libvirtd';
import { makeTestPki } from '../test/helpers/pki';
import { freePort } from '../test/helpers/ports';
import { startSshd, stopSshd, type TestSshd } from '../test/helpers/sshd';
import { StatsPoller } from '../electron/main/connections/stats-poller';
import { populate, populateQemu, removeQemuDomains } from './fixture';
import { runProgram, timed, timeRuns, type Timing } from './measure';
import { StreamedTable, targetSummary, type Row, type Target } from './report';

const DOMAINS = 1000;
const QEMU_DOMAINS = 200;
const QEMU_RUNNING = 3;
/** In-process repetitions; medians moved by under 10 % between 9 and 15 here. */
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
/**
 * Uncounted runs before them, the same for both clients: our open path's code runs its first
 * 20-30 rounds unoptimised by V8 (2-3 ms an open + close, then ~1.2), and the unix row,
 * timed first, paid that where the later rows did not.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
/** Whole processes cost 0.2–3 s each on a busy machine: fewer of them. */
const PROCESS_RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 5);
/** Whole-process listings of the QEMU host too (another 100 s or so at load 19). */
const QEMU_PROCESSES = process.env.BENCH_QEMU_PROCESSES === '1';
/** One contender's whole row, all its runs together. */
const ROW_DEADLINE_MS = Number(process.env.BENCH_ROW_DEADLINE_S ?? 60) * 1000;
const PYTHON = '/usr/bin/python3';
const CLI = join(import.meta.dirname, '..', 'bin', 'virtdeck-cli.js');

const TRANSPORTS = ['unix', 'tcp', 'tls', 'ssh'] as const;
type Transport = (typeof TRANSPORTS)[number];
const began = performance.now();
/** Progress on stderr, so a slow step shows itself. */
function step(what: string): void {
  process.stderr.write(`bench ${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s: ${what}\n`);
}
const print = (line: string): void => { console.log(line); };
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

/** The SSH transport's files come from the URI; the agent is never asked. */
const SSH_OPTIONS = { ssh: { agentSocket: '' } };

const within = (measure: (signal: AbortSignal) => Promise<number[]>): Promise<Timing> => timed(ROW_DEADLINE_MS, measure);

type Job = 'open' | 'openShared' | 'hostInfo' | 'listJsonJob' | 'allDomainStats';

const JOB_LABELS: Record<Job, string> = {
  open: 'open + close',
  openShared: 'open + close beside an open connection (ours: a channel on its SSH session)',
  hostInfo: 'host info (type, versions, hostname, URI, node info)',
  listJsonJob: 'the `list --all --json` job (id, name, uuid, state, vCPUs, memory)',
  allDomainStats: 'all-domain stats (state group)',
};

/** The C client has no session reuse: its row is a fresh open, like ours in `open`. */
const PYTHON_JOB: Record<Job, string> = { open: 'open', openShared: 'open', hostInfo: 'hostInfo', listJsonJob: 'listJsonJob', allDomainStats: 'allDomainStats' };

async function ourJob(uri: string, job: Job, signal: AbortSignal): Promise<number[]> {
  const openClose = async (): Promise<void> => { await (await openUri(uri, SSH_OPTIONS)).close(); };
  // Before any other connection is held, so every SSH open makes a session of its own.
  if (job === 'open') return timeRuns(RUNS, openClose, WARMUP, signal);
  const conn = await openUri(uri, SSH_OPTIONS);
  try {
    switch (job) {
      // With `conn` held, a second SSH open rides on its session: a channel, not a handshake.
      case 'openShared': return await timeRuns(RUNS, openClose, WARMUP, signal);
      case 'hostInfo': return await timeRuns(RUNS, () => conn.hostInfo(), WARMUP, signal);
      // On a held connection, as the app lists; a CLI run's single listing is in the process rows.
      case 'listJsonJob': return await timeRuns(RUNS, async () => JSON.stringify(await listDomainRows(conn, { all: true })), WARMUP, signal);
      case 'allDomainStats': return await timeRuns(RUNS, () => conn.allDomainStats({ stats: StatsGroup.STATE }), WARMUP, signal);
    }
  } finally {
    await conn.close();
  }
}

interface PythonResults {
  readonly results: Record<string, number[]>;
}

/** One python3-libvirt process per row, so a hang costs that row only. */
async function pythonJob(uri: string, job: string, signal: AbortSignal): Promise<number[]> {
  const out = await runProgram(PYTHON, [join(import.meta.dirname, 'python', 'libvirt_bench.py'), uri, String(RUNS), job, String(WARMUP)], signal);
  const times = (JSON.parse(out) as PythonResults).results[job];
  if (times === undefined) throw new Error(`libvirt_bench.py gave no ${job} times`);
  return times;
}

const PY_LIST_JSON = `import json,libvirt,sys
libvirt.registerErrorHandler(lambda c,e: None, None)
c=libvirt.open(sys.argv[1]);S=['nostate','running','blocked','paused','shutdown','shutoff','crashed','pmsuspended']
r=[]
for d in c.listAllDomains(0):
  s,_,m,v,_=d.info();i=d.ID();r.append({'id':None if i<0 else i,'name':d.name(),'uuid':d.UUIDString(),'state':S[s],'vcpus':v,'memoryKiB':m})
print(json.dumps(r))`;

const PY_INFO = `import json,libvirt,sys
libvirt.registerErrorHandler(lambda c,e: None, None)
c=libvirt.open(sys.argv[1]);n=c.getInfo()
print(json.dumps({'uri':c.getURI(),'type':c.getType(),'hv':c.getVersion(),'lib':c.getLibVersion(),'hostname':c.getHostname(),'node':n}))`;

/** Whole processes, start-up included, as an admin runs them from a shell. */
const processRuns = (file: string, args: readonly string[], runs = PROCESS_RUNS, env?: NodeJS.ProcessEnv): Promise<Timing> =>
  within((signal) => timeRuns(runs, () => runProgram(file, args, signal, env), 1, signal));

/**
 * Node reads and parses the whole bundle NODE_EXTRA_CA_CERTS names at every start, before
 * any script runs; python3 and virsh read none. Where it is set (this sandbox sets it),
 * Node's start and the SSH `info` row are measured again without it, beside the same
 * with it, so its share of the whole-process rows shows.
 */
async function extraCaRows(print: (line: string) => void, sshUri: string): Promise<void> {
  const { NODE_EXTRA_CA_CERTS: extraCa, ...without } = process.env;
  if (extraCa === undefined) return;
  const table = new StreamedTable(print, `## Node's start with NODE_EXTRA_CA_CERTS unset (set here, to ${extraCa}), median of ${PROCESS_RUNS + 2} runs`, ['as set', 'python3-libvirt']);
  table.add({
    transport: '-', job: '`node -e 0` (as set: the same with NODE_EXTRA_CA_CERTS)',
    ours: await processRuns(process.execPath, ['-e', '0'], PROCESS_RUNS + 2, without),
    others: { 'as set': await processRuns(process.execPath, ['-e', '0'], PROCESS_RUNS + 2) },
  });
  table.add({
    transport: 'ssh', job: '`info` (test driver; as set: the same with NODE_EXTRA_CA_CERTS)',
    ours: await processRuns(process.execPath, [CLI, 'info', '-c', sshUri], PROCESS_RUNS + 2, without),
    others: {
      'as set': await processRuns(process.execPath, [CLI, 'info', '-c', sshUri], PROCESS_RUNS + 2),
      'python3-libvirt': await processRuns(PYTHON, ['-c', PY_INFO, sshUri], PROCESS_RUNS + 2),
    },
  });
}

const atLeast = (against: string, value: number, text: string): Target => ({ against, atLeast: value, text });

interface Hosts {
  readonly test: Record<Transport, string>;
  readonly qemu: Record<Transport, string>;
}

/**
 * One URI per transport for all three clients. SSH is `+ssh`: libvirt's C client runs
 * /usr/bin/ssh (command= points at a wrapper that reads no ~/.ssh and checks the sshd's
 * key against the run's known_hosts; no_tty=1 is BatchMode). libvirt's own libssh
 * transport (`+libssh`) is not used: on a reply larger than one read (the 1000-domain
 * list, 38 KB) it hangs, blocked in poll() on a socket whose bytes libssh has already
 * taken into its buffer (seen with gdb and ss here, libvirt 9.0 + libssh 0.10.6). Ours
 * treats ssh and libssh alike and ignores command= and no_tty=.
 */
function hostUris(daemon: { unixSocket: string; tcpPort: number; tlsPort: number }, pkiPath: string, sshd: TestSshd, sshCommand: string): Hosts {
  const uris = (driver: string, path: string): Record<Transport, string> => ({
    unix: `${driver}+unix:///${path}?socket=${daemon.unixSocket}`,
    tcp: `${driver}+tcp://127.0.0.1:${daemon.tcpPort}/${path}`,
    tls: `${driver}+tls://127.0.0.1:${daemon.tlsPort}/${path}?pkipath=${pkiPath}`,
    ssh: `${driver}+ssh://${sshd.user}@127.0.0.1:${sshd.port}/${path}?socket=${daemon.unixSocket}&keyfile=${sshd.userKey}` +
      `&known_hosts=${sshd.knownHosts}&command=${sshCommand}&no_tty=1`,
  });
  return { test: uris('test', 'default'), qemu: uris('qemu', 'system') };
}

/** OpenSSH for libvirt's ssh transport, blind to root's ~/.ssh and strict about the run's host key. */
async function writeSshCommand(path: string, sshd: TestSshd): Promise<void> {
  await writeFile(path, `#!/bin/sh\nexec /usr/bin/ssh -F /dev/null -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${sshd.knownHosts} "$@"\n`, { mode: 0o755 });
}

/**
 * The main process's cost of watching a host: CPU time of this process per stats tick
 * (one all-domain-stats call, CPU % deltas, one batched event), as a share of one core
 * at one tick per second.
 */
async function statsTickCost(uri: string, ticks: number): Promise<{ cpuMsPerTick: number; wallMsPerTick: number; domains: number }> {
  const conn = await openUri(uri);
  try {
    let domains = 0;
    const poller = new StatsPoller(conn, 'bench', (tick) => { domains = tick.domains.length; }, (error) => { throw error; });
    for (let i = 0; i < 3; i += 1) await poller.tick();
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < ticks; i += 1) await poller.tick();
    const used = process.cpuUsage(cpu);
    return { cpuMsPerTick: (used.user + used.system) / 1000 / ticks, wallMsPerTick: (performance.now() - start) / ticks, domains };
  } finally {
    await conn.close();
  }
}

/** The in-process targets. */
function inProcessTarget(transport: Transport, job: Job, host: 'test' | 'qemu'): Target | undefined {
  if (job === 'open' && (transport === 'unix' || transport === 'tcp')) return atLeast('python3-libvirt', 1, '≥ 1.0×');
  if (job === 'listJsonJob') return host === 'qemu' ? atLeast('python3-libvirt', 10, '≥ 10×') : atLeast('python3-libvirt', 2.5, '≥ 2.5×');
  return undefined;
}

async function inProcessRows(table: StreamedTable, uris: Record<Transport, string>, host: 'test' | 'qemu', jobs: (transport: Transport) => readonly Job[]): Promise<void> {
  for (const transport of TRANSPORTS) {
    for (const job of jobs(transport)) {
      step(`${host} ${transport}: ${job}`);
      const ours = await within((signal) => ourJob(uris[transport], job, signal));
      const python = await within((signal) => pythonJob(uris[transport], PYTHON_JOB[job], signal));
      const target = inProcessTarget(transport, job, host);
      table.add({ transport, job: host === 'qemu' ? `${JOB_LABELS[job]}, QEMU host` : JOB_LABELS[job], ours, others: { 'python3-libvirt': python }, ...(target === undefined ? {} : { target }) });
    }
  }
}

async function processRows(table: StreamedTable, hosts: Hosts): Promise<void> {
  for (const transport of TRANSPORTS) {
    const test = hosts.test[transport];
    step(`processes ${transport}: info`);
    table.add({
      transport, job: '`info` (test driver)',
      ours: await processRuns(process.execPath, [CLI, 'info', '-c', test]),
      others: {
        'python3-libvirt': await processRuns(PYTHON, ['-c', PY_INFO, test]),
        virsh: await processRuns('virsh', ['-c', test, 'uri; hostname; version; nodeinfo']),
      },
      ...(transport === 'ssh' ? { target: atLeast('python3-libvirt', 1 / 0.8, '≤ 0.8× python3-libvirt') } : {}),
    });
    const listHosts: (readonly [string, string])[] = [[`${DOMAINS} test-driver domains`, test]];
    if (QEMU_PROCESSES) listHosts.push([`QEMU, ${QEMU_DOMAINS} domains`, hosts.qemu[transport]]);
    for (const [host, uri] of listHosts) {
      step(`processes ${transport}: list on ${host}`);
      const onTestHost = uri === test;
      table.add({
        transport, job: `\`list --all --json\` (${host}; virsh: \`list --all\`)`,
        ours: await processRuns(process.execPath, [CLI, 'list', '--all', '--json', '-c', uri]),
        others: {
          'python3-libvirt': await processRuns(PYTHON, ['-c', PY_LIST_JSON, uri]),
          virsh: await processRuns('virsh', ['-c', uri, 'list', '--all']),
        },
        ...(onTestHost && (transport === 'tcp' || transport === 'ssh') ? { target: atLeast('python3-libvirt', 1 / 0.6, '≤ 0.6× python3-libvirt') } : {}),
      });
    }
  }
}

async function main(): Promise<void> {
  const startLoad = load();
  const root = await mkdtemp(join(tmpdir(), 'virtdeck-bench-'));
  // sshd reads authorized_keys, and the test user's nc reaches the socket, below here.
  await chmod(root, 0o755);
  const pki = await makeTestPki(join(root, 'pki'));
  const tcpPort = await freePort();
  const daemon = await startLibvirtd({ dir: join(root, 'libvirtd'), tcpPort, tlsPort: await freePort(), pki });
  // The password is left as it is: other runs on this machine may be using it.
  const sshd = await startSshd(join(root, 'sshd'), { password: 'unchanged-by-the-bench' });
  const sshCommand = join(root, 'ssh-for-libvirt');
  await writeSshCommand(sshCommand, sshd);
  const hosts = hostUris(daemon, pki.clientPkiPath, sshd, sshCommand);
  const keeper = await openUri(hosts.test.unix);
  let qemu: Connection | undefined;
  try {
    step('populating');
    await populate(keeper, DOMAINS);
    qemu = await openUri(hosts.qemu.unix);
    await populateQemu(qemu, QEMU_DOMAINS, QEMU_RUNNING);
    print(`# npm run bench, ${new Date().toISOString()}, load average at start ${startLoad}`);
    print(`Ratios are the other client's median divided by ours (above 1×: ours is faster). Each contender of each row has ${ROW_DEADLINE_MS / 1000} s.`);
    const all: Row[] = [];

    const library = new StreamedTable(print, `## In-process jobs, ${DOMAINS} test-driver domains (half running), median of ${RUNS} runs`, ['python3-libvirt']);
    await inProcessRows(library, hosts.test, 'test', (t) => (t === 'ssh' ? ['open', 'openShared', 'hostInfo', 'listJsonJob', 'allDomainStats'] : ['open', 'hostInfo', 'listJsonJob', 'allDomainStats']));
    all.push(...library.rows);

    const qemuRows = new StreamedTable(print, `## In-process, QEMU driver with ${QEMU_DOMAINS} defined domains (${QEMU_RUNNING} running), median of ${RUNS} runs`, ['python3-libvirt']);
    await inProcessRows(qemuRows, hosts.qemu, 'qemu', () => ['listJsonJob']);
    all.push(...qemuRows.rows);

    const processes = new StreamedTable(print, `## Whole processes, start-up included, median of ${PROCESS_RUNS} runs`, ['python3-libvirt', 'virsh']);
    await processRows(processes, hosts);
    all.push(...processes.rows);

    step('start-up');
    const startup = new StreamedTable(print, `## CLI start-up, median of ${PROCESS_RUNS + 2} runs`, ['node -e 0']);
    const node = await processRuns(process.execPath, ['-e', '0'], PROCESS_RUNS + 2);
    startup.add({ transport: '-', job: '`virtdeck-cli --version` (other: `node -e 0`)', ours: await processRuns(process.execPath, [CLI, '--version'], PROCESS_RUNS + 2), others: { 'node -e 0': node } });
    startup.add({ transport: 'embedded', job: '`virtdeck-cli info -c test:///default` (other: `node -e 0`)', ours: await processRuns(process.execPath, [CLI, 'info', '-c', 'test:///default'], PROCESS_RUNS + 2), others: { 'node -e 0': node } });

    step('NODE_EXTRA_CA_CERTS');
    await extraCaRows(print, hosts.test.ssh);

    step('OpenSSH baseline');
    const baseline = new StreamedTable(print, `## A fresh SSH session to the daemon, same sshd: our open + close in-process (median of ${RUNS}) against OpenSSH \`ssh host true\` (median of ${RUNS})`, ['OpenSSH ssh']);
    baseline.add({
      transport: 'ssh', job: 'our open + close; OpenSSH: `ssh host true`',
      ours: await within((signal) => timeRuns(RUNS, async () => { await (await openUri(hosts.test.ssh, SSH_OPTIONS)).close(); }, WARMUP, signal)),
      others: {
        'OpenSSH ssh': await processRuns('ssh', [
          '-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${sshd.knownHosts}`,
          '-i', sshd.userKey, '-p', String(sshd.port), `${sshd.user}@127.0.0.1`, 'true',
        ], RUNS),
      },
      target: atLeast('OpenSSH ssh', 1, 'no slower than `ssh host true`'),
    });
    all.push(...baseline.rows);

    step('stats tick');
    const tick = await statsTickCost(hosts.test.unix, 50);
    print(
      `\nMain process per stats tick (${tick.domains} domains, unix, mean of 50 ticks): ` +
        `${tick.cpuMsPerTick.toFixed(2)} ms CPU, ${tick.wallMsPerTick.toFixed(2)} ms wall; ` +
        `at 1 tick/s that is ${(tick.cpuMsPerTick / 10).toFixed(2)} % of one core (target: under 5 %).`,
    );
    print(`\n## The issue's targets\n\n${targetSummary(all)}`);
    print(`\nLoad average at start ${startLoad}, at end ${load()}; ${((performance.now() - began) / 1000).toFixed(0)} s in all.`);
  } finally {
    if (qemu !== undefined) {
      // Running QEMU processes would outlive the daemon: they are stopped first.
      await removeQemuDomains(qemu).catch(() => undefined);
      await qemu.close().catch(() => undefined);
    }
    await keeper.close().catch(() => undefined);
    await stopSshd(sshd).catch(() => undefined);
    await stopLibvirtd(daemon);
    await rm(root, { recursive: true, force: true });
  }
}

await main();
// A contender abandoned at its deadline may still hold a socket open in this process.
process.exit(0);
