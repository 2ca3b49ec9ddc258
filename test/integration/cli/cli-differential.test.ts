import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureCliBuilt, runCli } from '../../helpers/cli';
import { writeTestDriverHost } from '../../helpers/test-driver-file';
import { expectHostInfoLikeVirsh, virsh, virshList } from '../../helpers/virsh';

/**
 * virtdeck-cli against libvirt's own virsh on the same URIs of the same real daemon: what
 * both report must be equal.
 */
const harness = inject('harness');

interface InfoJson {
  uri: string;
  type: string;
  hypervisorVersion: string;
  libvirtVersion: string;
  hostname: string;
  node: { model: string; memoryKiB: number; cpus: number; mhz: number; nodes: number; sockets: number; cores: number; threads: number };
}

interface ListJson {
  id: number | null;
  name: string;
  uuid: string;
  state: string;
  vcpus: number;
  memoryKiB: number;
}

const GENERATED_DOMAINS = 240;
let generatedFile = '';

beforeAll(async () => {
  await ensureCliBuilt();
  generatedFile = (await writeTestDriverHost(join(harness.root, 'cli-generated-host.xml'), GENERATED_DOMAINS)).path;
});

function targets(): Record<string, string> {
  return {
    'test:///default over unix': harness.uris.unix,
    'test:///default over tcp': harness.uris.tcp,
    'a generated 240-domain file over unix': `test+unix://${generatedFile}?socket=${harness.libvirtd.unixSocket}`,
    'a generated 240-domain file over tcp': `test+tcp://127.0.0.1:${harness.libvirtd.tcpPort}${generatedFile}`,
  };
}

describe('virtdeck-cli agrees with virsh', () => {
  it.each(['test:///default over unix', 'test:///default over tcp', 'a generated 240-domain file over unix', 'a generated 240-domain file over tcp'])(
    'info on %s',
    async (target) => {
      const uri = targets()[target] ?? '';
      const result = await runCli(['info', '--json', '-c', uri]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const info = JSON.parse(result.stdout) as InfoJson;
      await expectHostInfoLikeVirsh(info, uri);
      expect(info.uri).toMatch(/^test:\/\//);
    },
  );

  it.each(['test:///default over unix', 'a generated 240-domain file over unix', 'a generated 240-domain file over tcp'])(
    'list --all --json on %s',
    async (target) => {
      const uri = targets()[target] ?? '';
      const result = await runCli(['list', '--all', '--json', '-c', uri]);
      expect(result.code).toBe(0);
      const rows = JSON.parse(result.stdout) as ListJson[];
      const theirs = await virshList(uri);
      expect(rows.map((r) => ({ id: r.id, name: r.name, state: r.state === 'shutoff' ? 'shut off' : r.state }))).toEqual(theirs);
      const uuids = (await virsh(uri, 'list', '--all', '--uuid')).split('\n').map((l) => l.trim()).filter(Boolean);
      expect(new Set(rows.map((r) => r.uuid))).toEqual(new Set(uuids));
      // vCPUs and memory, domain by domain, for a sample (virsh asks one process per domain).
      for (const row of rows.filter((_, i) => i % 40 === 0)) {
        const dominfo = await virsh(uri, 'dominfo', row.name);
        expect(dominfo).toMatch(new RegExp(`CPU\\(s\\):\\s+${row.vcpus}\\n`));
        expect(dominfo).toMatch(new RegExp(`Used memory:\\s+${row.memoryKiB} KiB`));
      }
      if (target.includes('generated')) expect(rows).toHaveLength(GENERATED_DOMAINS);
    },
  );

  it('list without --all shows only the running and paused domains, as virsh does', async () => {
    const uri = `test+unix://${generatedFile}?socket=${harness.libvirtd.unixSocket}`;
    const ours = await runCli(['list', '-c', uri]);
    const theirs = await virsh(uri, 'list');
    const names = (text: string): string[] => text.split('\n').slice(1).map((l) => l.trim().split(/\s+/)[1] ?? '').filter(Boolean);
    expect(ours.code).toBe(0);
    expect(names(ours.stdout).filter((n) => n !== '')).toEqual(names(` header\n${theirs}`));
  });
});

describe('virtdeck-cli orders shut-off domains as virsh does', () => {
  it('by name, ASCII case folded, punctuation and UTF-8 by byte', async () => {
    // Names on which a locale's collation and virsh's strcasecmp disagree.
    const names = ['b', 'Zulu', 'a_b', 'A', 'a-b', '_x', 'ab', 'abc', 'Ab-c', '\u00e9t\u00e9', 'z9'];
    const path = join(harness.root, 'cli-order-host.xml');
    await writeFile(path, [
      "<node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>",
      ...names.map((name, i) => `  <domain type='test'><name>${name}</name><uuid>0bde0000-0000-4000-8000-${String(i).padStart(12, '0')}</uuid>` +
        `<memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os><test:runstate>5</test:runstate></domain>`),
      '</node>',
      '',
    ].join('\n'));
    const uri = `test+unix://${path}?socket=${harness.libvirtd.unixSocket}`;
    const result = await runCli(['list', '--all', '--json', '-c', uri]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const ours = (JSON.parse(result.stdout) as ListJson[]).map((r) => r.name);
    expect(ours).toEqual((await virshList(uri)).map((r) => r.name));
    expect(ours).toHaveLength(names.length);
  });
});
