/**
 * `npm run bench`: Virtdeck's libvirt client side by side with libvirt's own C client
 * (virsh, python3-libvirt) in one run, on one private libvirtd whose test driver holds
 * 1000 domains, half of them running, over unix and tcp. Prints medians and ratios.
 * A benchmark, not a test: it asserts nothing and is not part of the test command.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openUri, StatsGroup } from '../electron/libvirt';
import { listDomainRows, listDomainStates } from '../electron/cli/list';
import { startLibvirtd, stopLibvirtd } from '../test/helpers/libvirtd';
import { makeTestPki } from '../test/helpers/pki';
import { freePort } from '../test/helpers/ports';
import { StatsPoller } from '../electron/main/connections/stats-poller';
import { populate } from './fixture';
import { runProgram, timeRuns } from './measure';
import { formatTable, type Row } from './report';

const DOMAINS = 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const PYTHON = '/usr/bin/python3';

interface PythonResults {
  readonly domains: number;
  readonly results: Record<string, number[]>;
}

async function ourJobs(uri: string): Promise<Record<string, number[]>> {
  const conn = await openUri(uri);
  try {
    const domains = await conn.listDomains({ all: true });
    const first1000 = domains.slice(0, 1000);
    return {
      open: await timeRuns(RUNS, async () => { await (await openUri(uri)).close(); }),
      hostInfo: await timeRuns(RUNS, () => conn.hostInfo()),
      domainInfo1000: await timeRuns(RUNS, () => Promise.all(first1000.map((dom) => conn.domainInfo(dom)))),
      listJob: await timeRuns(RUNS, () => listDomainStates(conn, { all: true })),
      listJsonJob: await timeRuns(RUNS, async () => JSON.stringify(await listDomainRows(conn, { all: true }))),
      allDomainStats: await timeRuns(RUNS, () => conn.allDomainStats({ stats: StatsGroup.STATE })),
    };
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

async function pythonJobs(uri: string): Promise<PythonResults> {
  const out = await runProgram(PYTHON, [join(import.meta.dirname, 'python', 'libvirt_bench.py'), uri, String(RUNS)]);
  return JSON.parse(out) as PythonResults;
}

/** Whole processes, start-up included, as an admin runs them from a shell. */
async function processJobs(uri: string): Promise<{ virsh: number[]; ours: number[]; oursJson: number[]; pythonJson: number[] }> {
  const cli = join(import.meta.dirname, '..', 'bin', 'virtdeck-cli.js');
  const pyOneShot = `import json,libvirt,sys
c=libvirt.open(sys.argv[1]);S=['nostate','running','blocked','paused','shutdown','shutoff','crashed','pmsuspended']
r=[]
for d in c.listAllDomains(0):
  s,_,m,v,_=d.info();i=d.ID();r.append({'id':None if i<0 else i,'name':d.name(),'uuid':d.UUIDString(),'state':S[s],'vcpus':v,'memoryKiB':m})
print(json.dumps(r))`;
  return {
    virsh: await timeRuns(RUNS, () => runProgram('virsh', ['-c', uri, 'list', '--all'])),
    ours: await timeRuns(RUNS, () => runProgram(process.execPath, [cli, 'list', '--all', '-c', uri])),
    oursJson: await timeRuns(RUNS, () => runProgram(process.execPath, [cli, 'list', '--all', '--json', '-c', uri])),
    pythonJson: await timeRuns(RUNS, () => runProgram(PYTHON, ['-c', pyOneShot, uri])),
  };
}

const JOB_LABELS: Record<string, string> = {
  open: 'open + close',
  hostInfo: 'host info (type, versions, hostname, URI, node info)',
  domainInfo1000: '1000 domain-info calls',
  listJob: 'the `virsh list --all` job (id, name, state)',
  listJsonJob: 'the `list --all --json` job (+ vCPUs, memory)',
  allDomainStats: 'all-domain stats (state group)',
};

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'virtdeck-bench-'));
  const pki = await makeTestPki(join(root, 'pki'));
  const tcpPort = await freePort();
  const daemon = await startLibvirtd({ dir: join(root, 'libvirtd'), tcpPort, tlsPort: await freePort(), pki });
  const uris = {
    unix: `test+unix:///default?socket=${daemon.unixSocket}`,
    tcp: `test+tcp://127.0.0.1:${tcpPort}/default`,
  };
  const keeper = await openUri(uris.unix);
  try {
    await populate(keeper, DOMAINS);
    const library: Row[] = [];
    const processes: Row[] = [];
    for (const [transport, uri] of Object.entries(uris)) {
      process.stderr.write(`bench: ${transport}…\n`);
      const ours = await ourJobs(uri);
      const python = await pythonJobs(uri);
      for (const job of Object.keys(JOB_LABELS)) {
        library.push({ transport, job: JOB_LABELS[job] ?? job, ours: ours[job] ?? [], others: { 'python3-libvirt': python.results[job] ?? [] } });
      }
      const proc = await processJobs(uri);
      // virsh exists only as a process: its whole run stands beside our in-process job too.
      const listRow = library.find((r) => r.transport === transport && r.job === JOB_LABELS.listJob);
      if (listRow) library[library.indexOf(listRow)] = { ...listRow, others: { ...listRow.others, 'virsh (process)': proc.virsh } };
      processes.push({ transport, job: '`list --all` as a process', ours: proc.ours, others: { virsh: proc.virsh } });
      processes.push({ transport, job: '`list --all --json` as a process', ours: proc.oursJson, others: { 'python3-libvirt': proc.pythonJson } });
    }
    console.log(`\nIn-process jobs, ${DOMAINS} test-driver domains (half running), median of ${RUNS} runs:\n`);
    console.log(formatTable(library, ['python3-libvirt', 'virsh (process)']));
    console.log(`\nWhole processes, start-up included, median of ${RUNS} runs:\n`);
    console.log(formatTable(processes, ['virsh', 'python3-libvirt']));
    const tick = await statsTickCost(uris.unix, 50);
    console.log(
      `\nMain process per stats tick (${tick.domains} domains, unix, mean of 50 ticks): ` +
        `${tick.cpuMsPerTick.toFixed(2)} ms CPU, ${tick.wallMsPerTick.toFixed(2)} ms wall; ` +
        `at 1 tick/s that is ${(tick.cpuMsPerTick / 10).toFixed(2)} % of one core (target: under 5 %).`,
    );
  } finally {
    await keeper.close().catch(() => undefined);
    await stopLibvirtd(daemon);
    await rm(root, { recursive: true, force: true });
  }
}

await main();
