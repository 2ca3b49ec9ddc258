import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureCliBuilt, runCli } from '../../helpers/cli';
import { virsh } from '../../helpers/virsh';

/** Screenshots (a read stream) against libvirtd's test driver, byte for byte beside virsh. */
const harness = inject('harness');
let dir: string;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'virtdeck-screenshot-'));
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('virtdeck-cli screenshot', () => {
  for (const transport of ['unix', 'tcp'] as const) {
    it(`saves over ${transport} exactly the bytes virsh screenshot saves`, async () => {
      const uri = harness.uris[transport];
      const theirs = join(dir, `virsh-${transport}.png`);
      const ours = join(dir, `virtdeck-${transport}.png`);
      await virsh(uri, 'screenshot', 'test', theirs);
      const result = await runCli(['screenshot', 'test', '-c', uri, '--file', ours]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/saved to .*, with type of image\/png/);
      const [a, b] = await Promise.all([readFile(ours), readFile(theirs)]);
      expect(a.length).toBeGreaterThan(1000);
      expect(a.equals(b)).toBe(true);
    }, 60_000);
  }

  it('names a domain it cannot find', async () => {
    const result = await runCli(['screenshot', 'no-such-domain', '-c', harness.uris.unix, '--file', join(dir, 'x.png')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no domain 'no-such-domain'/);
  });

  it('answers on the embedded test driver with an image of its own', async () => {
    const file = join(dir, 'embedded.png');
    const result = await runCli(['screenshot', 'test', '-c', 'test:///default', '--file', file]);
    expect(result.stderr).toBe('');
    const png = await readFile(file);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(320);
  });
});
