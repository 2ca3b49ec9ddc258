/**
 * A link to the daemon that a test can cut: a network namespace of its own, joined to the
 * host by a veth pair with two addresses this helper assigns (10.213.13.1 outside,
 * 10.213.13.2 inside). The client dials the inside address; a relay inside the namespace
 * forwards over the veth to a relay outside, which reaches the daemon on loopback. So
 * every byte crosses the veth, and `ip link set down` cuts it like a pulled cable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { exited, run, waitFor } from './process';
import { startTcpRelay, type TcpRelay } from './tcp-relay';

export const OUTSIDE = '10.213.13.1';
export const INSIDE = '10.213.13.2';
const INSIDE_PORT = 16613;

export interface CuttableLink {
  /** Where the client dials: the namespace's side of the veth. */
  readonly host: string;
  readonly port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  dispose(): Promise<void>;
}

/** Forwards every connection to target; run inside the namespace by `ip netns exec`. */
const INSIDE_RELAY = `
const net = require('node:net');
const [listenHost, listenPort, targetHost, targetPort] = process.argv.slice(1);
net.createServer((c) => {
  const u = net.connect({ host: targetHost, port: Number(targetPort) });
  for (const s of [c, u]) s.on('error', () => { c.destroy(); u.destroy(); });
  c.pipe(u).pipe(c);
}).listen(Number(listenPort), listenHost, () => { process.stdout.write('listening\\n'); });
`;

async function ip(...args: string[]): Promise<void> {
  await run('ip', args, { timeoutMs: 10_000 });
}

export async function startCuttableLink(daemonPort: number): Promise<CuttableLink> {
  const tag = String(process.pid % 100_000);
  const ns = `vd13-${tag}`;
  const outer = `vd13o${tag}`;
  const inner = `vd13i${tag}`;
  let relayOutside: TcpRelay | undefined;
  let relayInside: ChildProcess | undefined;
  const dispose = async (): Promise<void> => {
    if (relayInside && relayInside.exitCode === null) {
      relayInside.kill('SIGKILL');
      await exited(relayInside);
    }
    await relayOutside?.close();
    // Deleting the namespace deletes its end of the veth, and with it the pair.
    await ip('netns', 'delete', ns).catch(() => undefined);
    await ip('link', 'delete', outer).catch(() => undefined);
  };
  try {
    await dispose();
    await ip('netns', 'add', ns);
    await ip('link', 'add', outer, 'type', 'veth', 'peer', 'name', inner);
    await ip('link', 'set', inner, 'netns', ns);
    await ip('addr', 'add', `${OUTSIDE}/30`, 'dev', outer);
    await ip('link', 'set', outer, 'up');
    await ip('netns', 'exec', ns, 'ip', 'addr', 'add', `${INSIDE}/30`, 'dev', inner);
    await ip('netns', 'exec', ns, 'ip', 'link', 'set', inner, 'up');
    await ip('netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up');
    relayOutside = await startTcpRelay(OUTSIDE, '127.0.0.1', daemonPort);
    const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', INSIDE_RELAY, INSIDE, String(INSIDE_PORT), OUTSIDE, String(relayOutside.port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    relayInside = child;
    let said = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { said += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { said += d; });
    await waitFor('the relay inside the namespace', () => {
      if (child.exitCode !== null) throw new Error(`the namespace relay exited: ${said}`);
      return said.includes('listening');
    }, 15_000);
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    host: INSIDE,
    port: INSIDE_PORT,
    cut: () => ip('link', 'set', outer, 'down'),
    restore: () => ip('link', 'set', outer, 'up'),
    dispose,
  };
}
