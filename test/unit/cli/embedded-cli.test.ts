/**
 * virtdeck-cli on test:///default with no daemon at all: the process gets an empty runtime
 * directory and HOME, so there is no socket it could reach even by mistake; the embedded
 * test driver answers in-process.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli } from '../../helpers/cli';

describe('virtdeck-cli on the embedded default host', () => {
  let empty: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    await ensureCliBuilt();
    empty = await mkdtemp(join(tmpdir(), 'virtdeck-nodaemon-'));
    env = { PATH: process.env.PATH, HOME: empty, XDG_RUNTIME_DIR: empty };
  }, 180_000);
  afterAll(async () => {
    await rm(empty, { recursive: true, force: true });
  });

  it('prints the host info as JSON', async () => {
    const result = await runCli(['info', '--json', '-c', 'test:///default'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      type: 'TEST',
      hypervisorVersion: '0.0.2',
      uri: 'test:///default',
      node: { model: 'i686', memoryKiB: 3145728, cpus: 16, mhz: 1400, nodes: 2, sockets: 2, cores: 2, threads: 2 },
    });
  });

  it('lists every domain as JSON', async () => {
    const result = await runCli(['list', '--all', '--json', '-c', 'test:///default'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { id: 1, name: 'test', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', state: 'running', vcpus: 2, memoryKiB: 2097152 },
    ]);
  });

  it('uses test:///default when no URI is given, and lists it as a table', async () => {
    const result = await runCli(['list'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ 1 +test +running$/m);
  });

  it("prints its version, the package's, for --version and -V", async () => {
    const { version } = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag], env);
      expect(result).toEqual({ code: 0, stdout: `virtdeck-cli ${version}\n`, stderr: '' });
    }
  });
});
