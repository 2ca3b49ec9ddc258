import { join } from 'node:path';
import { run, stopProcess } from './process';

export interface TestSshAgent {
  readonly socket: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** A real ssh-agent on a socket in `dir`, holding the given (unencrypted) keys. */
export async function startSshAgent(dir: string, keys: readonly string[]): Promise<TestSshAgent> {
  const socket = join(dir, `agent-${process.pid}-${Date.now().toString(36)}.sock`);
  const { stdout } = await run('ssh-agent', ['-s', '-a', socket]);
  const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(stdout)?.[1]);
  if (!Number.isInteger(pid)) throw new Error(`ssh-agent printed no pid: ${stdout}`);
  const env = { ...process.env, SSH_AUTH_SOCK: socket };
  for (const key of keys) await run('ssh-add', ['-q', key], { env });
  return { socket, pid, stop: () => stopProcess(pid) };
}
