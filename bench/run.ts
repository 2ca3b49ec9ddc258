/**
 * `npm run bench`: Virtdeck's libvirt client side by side with libvirt's own C client
 * (virsh, python3-libvirt) in one run, on one private libvirtd and one private sshd, over
 * unix, tcp, tls and ssh: the test driver holding 1000 domains (half running), and the
 * QEMU driver holding 200 defined domains (a few running) for the listing jobs. Prints
 * medians and ratios. A benchmark, not a test: it asserts nothing and is not part of the
 * test command.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openUri, StatsGroup, type Connection } from '../electron/libvirt';
import { listDomainRows, listDomainStates } from '../electron/cli/list';
import { startLibvirtd, stopLibvirtd } from '../test/helpers/libvirtd';
import { makeTestPki } from '../test/helpers/pki';
import { freePort } from '../test/helpers/ports';
import { startSshd, stopSshd, type TestSshd } from '../test/helpers/sshd';
import { StatsPoller } from '../electron/main/connections/stats-poller';
import { populate, populateQemu, removeQemuDomains } from './fixture';
import { runProgram, timeRuns } from './measure';
import { formatTable, type Row } from './report';

const DOMAINS = 1000;
const QEMU_DOMAINS = 200;
const QEMU_RUNNING = 3;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** Whole processes over SSH take a second each on a busy machine: fewer of them. */
const PROCESS_RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 11);
/**
 * libvirt's own libssh transport pays Nagle against delayed ACKs on every call (about 40 ms
 * here), so python3-libvirt's per-domain jobs over SSH take a minute a run: fewer runs there.
 */
const PYTHON_SSH_RUNS = Number(process.env.BENCH_PYTHON_SSH_RUNS ?? 1);
const PYTHON = '/usr/bin/python3';
const CLI = join(import.meta.dirname, '..', 'bin', 'virtdeck-cli.js');

const TRANSPORTS = ['unix', 'tcp', 'tls', 'ssh'] as const;
const began = performance.now();
/** Progress on stderr, so a slow step shows itself. */
function step(what: string): void {
  process.stderr.write(`bench ${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s: ${what}\n`);
}
type Transport = (typeof TRANSPORTS)[number];

interface PythonResults {
  readonly domains: number;
  readonly results: Record<string, number[]>;
}

/** The SSH transport's files come from the URI; the agent is never asked. */
const SSH_OPTIONS = { ssh: { agentSocket: '' } };

async function ourJobs(uri: string, jobs: readonly string[]): Promise<Record<string, number[]>> {
  const results: Record<string, number[]> = {};
  const want = (job: string): boolean => jobs.includes(job);
  // Before any other connection is held, so every SSH open makes a session of its own.
  if (want('open')) results.open = await timeRuns(RUNS, async () => { await (await openUri(uri, SSH_OPTIONS)).close(); });
  const conn = await openUri(uri, SSH_OPTIONS);
  try {
    // With `conn` held, a second SSH open rides on its session: a channel, not a handshake.
    if (want('openShared')) results.openShared = await timeRuns(RUNS, async () => { await (await openUri(uri, SSH_OPTIONS)).close(); });
    const domains = await conn.listDomains({ all: true });
    const first1000 = domains.slice(0, 1000);
    if (want('hostInfo')) results.hostInfo = await timeRuns(RUNS, () => conn.hostInfo());
    if (want('domainInfo1000')) results.domainInfo1000 = await timeRuns(RUNS, () => Promise.all(first1000.map((dom) => conn.domainInfo(dom))));
    if (want('listJob')) results.listJob = await timeRuns(RUNS, () => listDomainStates(conn, { all: true }));
    // On a held connection, as the app lists; a CLI run's single listing is in the process rows.
    if (want('listJsonJob')) results.listJsonJob = await timeRuns(RUNS, async () => JSON.stringify(await listDomainRows(conn, { all: true })));
    if (want('allDomainStats')) results.allDomainStats = await timeRuns(RUNS, () => conn.allDomainStats({ stats: StatsGroup.STATE }));
    return results;
  } finally {
    await conn.close();
  }
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

/** A run that fails or hangs (libvirt's libssh transport has stalled here) leaves its rows blank. */
async function pythonJobs(uri: string, jobs: readonly string[], runs = RUNS): Promise<PythonResults> {
  try {
    const out = await runProgram(PYTHON, [join(import.meta.dirname, 'python', 'libvirt_bench.py'), uri, String(runs), jobs.join(',')], 240_000);
    return JSON.parse(out) as PythonResults;
  } catch (error) {
    process.stderr.write(`bench: python3-libvirt on ${uri} failed, its rows stay blank: ${String(error).slice(0, 300)}\n`);
    return { domains: 0, results: {} };
  }
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

const processTimes = (job: () => Promise<unknown>): Promise<number[]> => timeRuns(PROCESS_RUNS, job, 0);

function mergeResults(a: PythonResults, b: PythonResults): PythonResults {
  return { domains: a.domains, results: { ...a.results, ...b.results } };
}

/** Whole processes, start-up included, as an admin runs them from a shell. */
async function processRows(transport: string, uri: string, host: string): Promise<Row[]> {
  const cli = (...args: string[]): Promise<string> => runProgram(process.execPath, [CLI, ...args, '-c', uri]);
  const rows: Row[] = [];
  rows.push({
    transport, job: `\`info\` (${host})`,
    ours: await processTimes(() => cli('info')),
    others: {
      'python3-libvirt': await processTimes(() => runProgram(PYTHON, ['-c', PY_INFO, uri])),
      virsh: await processTimes(() => runProgram('virsh', ['-c', uri, 'uri; hostname; version; nodeinfo'])),
    },
  });
  rows.push({
    transport, job: `\`list --all --json\` (${host}; virsh: \`list --all\`)`,
    ours: await processTimes(() => cli('list', '--all', '--json')),
    others: {
      'python3-libvirt': await processTimes(() => runProgram(PYTHON, ['-c', PY_LIST_JSON, uri])),
      virsh: await processTimes(() => runProgram('virsh', ['-c', uri, 'list', '--all'])),
    },
  });
  return rows;
}

const JOB_LABELS: Record<string, string> = {
  open: 'open + close',
  openShared: 'open + close beside an open connection (SSH: a channel on its session)',
  hostInfo: 'host info (type, versions, hostname, URI, node info)',
  domainInfo1000: '1000 domain-info calls',
  listJob: 'the `virsh list --all` job (id, name, state)',
  listJsonJob: 'the `list --all --json` job (+ vCPUs, memory)',
  allDomainStats: 'all-domain stats (state group)',
};

/** The C client has no session reuse: its row is a fresh open, like ours in `open`. */
const PYTHON_JOB: Record<string, string> = { openShared: 'open' };

interface Hosts {
  readonly test: Record<Transport, string>;
  readonly qemu: Record<Transport, string>;
}

function hostUris(daemon: { unixSocket: string; tcpPort: number; tlsPort: number }, pkiPath: string, sshd: TestSshd): Hosts {
  const uris = (driver: string, path: string): Record<Transport, string> => ({
    unix: `${driver}+unix:///${path}?socket=${daemon.unixSocket}`,
    tcp: `${driver}+tcp://127.0.0.1:${daemon.tcpPort}/${path}`,
    tls: `${driver}+tls://127.0.0.1:${daemon.tlsPort}/${path}?pkipath=${pkiPath}`,
    ssh: `${driver}+libssh://${sshd.user}@127.0.0.1:${sshd.port}/${path}?socket=${daemon.unixSocket}&keyfile=${sshd.userKey}&known_hosts=${sshd.knownHosts}&sshauth=privkey`,
  });
  return { test: uris('test', 'default'), qemu: uris('qemu', 'system') };
}

/** OpenSSH's own `ssh host true` beside our SSH open of the same daemon through the same sshd. */
async function sshBaseline(sshd: TestSshd, uri: string): Promise<Row> {
  const ssh = (): Promise<string> => runProgram('ssh', [
    '-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${sshd.knownHosts}`,
    '-i', sshd.userKey, '-p', String(sshd.port), `${sshd.user}@127.0.0.1`, 'true',
  ]);
  return {
    transport: 'ssh',
    job: 'a fresh SSH session to the daemon: our open + close in-process; OpenSSH: `ssh host true`',
    ours: await timeRuns(RUNS, async () => { await (await openUri(uri, SSH_OPTIONS)).close(); }),
    others: { 'OpenSSH ssh': await processTimes(ssh) },
  };
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'virtdeck-bench-'));
  // sshd reads authorized_keys, and the test user's nc reaches the socket, below here.
  await chmod(root, 0o755);
  const pki = await makeTestPki(join(root, 'pki'));
  const tcpPort = await freePort();
  const daemon = await startLibvirtd({ dir: join(root, 'libvirtd'), tcpPort, tlsPort: await freePort(), pki });
  // The password is left as it is: other runs on this machine may be using it.
  const sshd = await startSshd(join(root, 'sshd'), { password: 'unchanged-by-the-bench' });
  const hosts = hostUris(daemon, pki.clientPkiPath, sshd);
  const keeper = await openUri(hosts.test.unix);
  let qemu: Connection | undefined;
  try {
    step('populating');
    await populate(keeper, DOMAINS);
    qemu = await openUri(hosts.qemu.unix);
    await populateQemu(qemu, QEMU_DOMAINS, QEMU_RUNNING);
    const library: Row[] = [];
    const qemuRows: Row[] = [];
    const processes: Row[] = [];
    const allJobs = Object.keys(JOB_LABELS);
    const qemuJobs = ['listJob', 'listJsonJob'];
    for (const transport of TRANSPORTS) {
      step(`${transport}: our jobs`);
      const jobs = transport === 'ssh' ? allJobs : allJobs.filter((job) => job !== 'openShared');
      const ours = await ourJobs(hosts.test[transport], jobs);
      step(`${transport}: python3-libvirt's jobs`);
      const pythonJobNames = jobs.map((job) => PYTHON_JOB[job] ?? job);
      const perDomain = ['domainInfo1000', 'listJob', 'listJsonJob'];
      const python = transport === 'ssh'
        ? mergeResults(
          await pythonJobs(hosts.test[transport], pythonJobNames.filter((job) => !perDomain.includes(job))),
          await pythonJobs(hosts.test[transport], pythonJobNames.filter((job) => perDomain.includes(job)), PYTHON_SSH_RUNS),
        )
        : await pythonJobs(hosts.test[transport], pythonJobNames);
      for (const job of jobs) {
        library.push({ transport, job: JOB_LABELS[job] ?? job, ours: ours[job] ?? [], others: { 'python3-libvirt': python.results[PYTHON_JOB[job] ?? job] ?? [] } });
      }
      step(`${transport}: QEMU listing jobs`);
      const oursQemu = await ourJobs(hosts.qemu[transport], qemuJobs);
      const pythonQemu = await pythonJobs(hosts.qemu[transport], qemuJobs);
      for (const job of qemuJobs) {
        qemuRows.push({ transport, job: JOB_LABELS[job] ?? job, ours: oursQemu[job] ?? [], others: { 'python3-libvirt': pythonQemu.results[job] ?? [] } });
      }
      step(`${transport}: whole processes`);
      processes.push(...(await processRows(transport, hosts.test[transport], `${DOMAINS} test-driver domains`)));
      processes.push(...(await processRows(transport, hosts.qemu[transport], `QEMU, ${QEMU_DOMAINS} domains`)));
    }
    step('OpenSSH baseline, start-up');
    const baseline = await sshBaseline(sshd, hosts.test.ssh);
    console.log(`\nIn-process jobs, ${DOMAINS} test-driver domains (half running), median of ${RUNS} runs:\n`);
    console.log(formatTable(library, ['python3-libvirt']));
    console.log(`\nIn-process listing jobs, QEMU driver with ${QEMU_DOMAINS} defined domains (${QEMU_RUNNING} running), median of ${RUNS} runs:\n`);
    console.log(formatTable(qemuRows, ['python3-libvirt']));
    console.log(`\nWhole processes, start-up included, median of ${PROCESS_RUNS} runs:\n`);
    console.log(formatTable(processes, ['python3-libvirt', 'virsh']));
    const startup: Row[] = [{
      transport: '-', job: '`virtdeck-cli --version` (others: `node -e 0`)',
      ours: await processTimes(() => runProgram(process.execPath, [CLI, '--version'])),
      others: { 'node -e 0': await processTimes(() => runProgram(process.execPath, ['-e', '0'])) },
    }, {
      transport: 'embedded', job: '`virtdeck-cli info -c test:///default` (others: `node -e 0`)',
      ours: await processTimes(() => runProgram(process.execPath, [CLI, 'info', '-c', 'test:///default'])),
      others: { 'node -e 0': await processTimes(() => runProgram(process.execPath, ['-e', '0'])) },
    }];
    console.log(`\nStart-up, median of ${PROCESS_RUNS} runs:\n`);
    console.log(formatTable(startup, ['node -e 0']));
    console.log(`\nSSH against OpenSSH on the same sshd, median of ${RUNS} (ours) and ${PROCESS_RUNS} (ssh) runs:\n`);
    console.log(formatTable([baseline], ['OpenSSH ssh']));
    const tick = await statsTickCost(hosts.test.unix, 50);
    console.log(
      `\nMain process per stats tick (${tick.domains} domains, unix, mean of 50 ticks): ` +
        `${tick.cpuMsPerTick.toFixed(2)} ms CPU, ${tick.wallMsPerTick.toFixed(2)} ms wall; ` +
        `at 1 tick/s that is ${(tick.cpuMsPerTick / 10).toFixed(2)} % of one core (target: under 5 %).`,
    );
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
