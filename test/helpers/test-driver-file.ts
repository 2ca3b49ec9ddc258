import { writeFile } from 'node:fs/promises';

/** Run states libvirt's test driver accepts in a custom file (virDomainState numbers). */
const RUN_STATES = [1, 3, 5] as const;

export interface GeneratedHost {
  readonly path: string;
  readonly domains: number;
}

/**
 * A test-driver host file (`test:///abs/path.xml`) with `count` domains whose state,
 * vCPUs and memory vary with their index, so list and info have something to get wrong.
 */
export async function writeTestDriverHost(path: string, count: number): Promise<GeneratedHost> {
  const domains = Array.from({ length: count }, (_, i) => {
    const name = `gen-${String(i).padStart(4, '0')}`;
    const state = RUN_STATES[i % RUN_STATES.length] ?? 1;
    // Without a <uuid> the test driver makes a new one at every open of the file.
    const uuid = `5eed0000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    return `  <domain type='test'><name>${name}</name><uuid>${uuid}</uuid><memory>${65536 + i * 1024}</memory><vcpu>${1 + (i % 4)}</vcpu>` +
      `<os><type>hvm</type></os><test:runstate>${state}</test:runstate></domain>`;
  });
  await writeFile(path, [
    "<node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>",
    '  <cpu><mhz>2933</mhz><model>virtdeck-gen</model><active>12</active><nodes>2</nodes><sockets>1</sockets><cores>3</cores><threads>2</threads></cpu>',
    '  <memory>33554432</memory>',
    ...domains,
    '</node>',
    '',
  ].join('\n'));
  return { path, domains: count };
}
