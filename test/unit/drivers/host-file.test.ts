import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostSpecFromXml, loadHostFile, parseXmlOrThrow } from '../../../electron/libvirt/drivers/test/host-file';
import { TestHost } from '../../../electron/libvirt/drivers/test/host';
import { writeTestDriverHost } from '../../helpers/test-driver-file';

const NS = "xmlns:test='http://libvirt.org/schemas/domain/test/1.0'";
const spec = (xml: string) => hostSpecFromXml(parseXmlOrThrow(xml, 'host.xml'));

describe('test-driver host files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'virtdeck-host-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads node info: CPUs are the topology product, capped by <active>', () => {
    const { node } = spec(`<node><cpu><mhz>2933</mhz><model>m</model><active>12</active><nodes>2</nodes><sockets>1</sockets><cores>3</cores><threads>2</threads></cpu><memory>1024</memory></node>`);
    expect(node).toEqual({ model: 'm', memoryKiB: 1024, cpus: 12, mhz: 2933, nodes: 2, sockets: 1, cores: 3, threads: 2 });
  });

  it("keeps libvirt's default node for what the file leaves out", () => {
    expect(spec('<node/>').node).toEqual({ model: 'i686', memoryKiB: 3145728, cpus: 16, mhz: 1400, nodes: 2, sockets: 2, cores: 2, threads: 2 });
  });

  it('starts domains in their test:runstate, running when absent, and numbers the active ones', () => {
    const host = TestHost.fromSpec(spec(`<node ${NS}>
      <domain type='test'><name>a</name><memory>1024</memory><os><type>hvm</type></os></domain>
      <domain type='test'><name>b</name><memory>1024</memory><os><type>hvm</type></os><test:runstate>5</test:runstate></domain>
      <domain type='test'><name>c</name><memory>1024</memory><os><type>hvm</type></os><test:runstate>3</test:runstate></domain>
    </node>`));
    expect(host.listDomains(false).map((d) => [d.name, d.id])).toEqual([['a', 1], ['b', -1], ['c', 2]]);
    expect(host.domainState(host.lookupDomainByName('c'))).toEqual({ state: 'paused', reason: 0 });
    expect(host.domainXml(host.lookupDomainByName('a'), 0)).not.toMatch(/runstate|xmlns:test/);
  });

  it('reads networks and pools, pools at 100 GiB less their volumes', () => {
    const s = spec(`<node><network><name>n1</name><uuid>dd8fe884-6c02-601e-7551-cca97df1c5d0</uuid></network>
      <pool type='dir'><name>p1</name><target><path>/p</path></target><volume><name>v</name><allocation unit='GiB'>1</allocation></volume></pool></node>`);
    expect(s.networks.map((n) => [n.name, n.uuid])).toEqual([['n1', 'dd8fe884-6c02-601e-7551-cca97df1c5d0']]);
    expect(s.pools[0]).toMatchObject({ name: 'p1', state: 'running', capacityBytes: 107374182400n, allocationBytes: 1073741824n, availableBytes: 106300440576n });
  });

  it('refuses a root other than <node>, and malformed XML with XML_DETAIL', () => {
    expect(() => spec('<host/>')).toThrow(expect.objectContaining({ code: 27, message: "XML error: Root element is not 'node'" }) as Error);
    expect(() => spec('<node><domain></node>')).toThrow(expect.objectContaining({ code: 35 }) as Error);
  });

  it('refuses an out-of-range runstate and a transient domain that is shut off', () => {
    const dom = (extra: string) => `<node ${NS}><domain type='test'><name>a</name><memory>1024</memory><os><type>hvm</type></os>${extra}</domain></node>`;
    expect(() => spec(dom('<test:runstate>9</test:runstate>'))).toThrow(/runstate '9' out of range/);
    expect(() => spec(dom('<test:transient/><test:runstate>5</test:runstate>'))).toThrow(/transient domain cannot have runstate 'shutoff'/);
  });

  it('reads domains from file= references relative to the host file', async () => {
    await writeFile(join(dir, 'dom.xml'), "<domain type='test'><name>ext</name><memory unit='MiB'>64</memory><os><type>hvm</type></os></domain>");
    await writeFile(join(dir, 'host.xml'), "<node><domain file='dom.xml'/></node>");
    const host = TestHost.fromSpec(await loadHostFile(join(dir, 'host.xml')));
    expect(host.domainInfo(host.lookupDomainByName('ext'))).toMatchObject({ maxMemoryKiB: 65536, memoryKiB: 65536, vcpus: 1 });
  });

  it('says which file is missing', async () => {
    await expect(loadHostFile(join(dir, 'absent.xml'))).rejects.toMatchObject({ code: 38, message: expect.stringContaining('absent.xml') as string });
  });

  it('loads a 1000-domain host from one file quickly, each domain as written', async () => {
    const path = join(dir, 'big.xml');
    await writeTestDriverHost(path, 1000);
    const started = performance.now();
    const host = TestHost.fromSpec(await loadHostFile(path));
    expect(performance.now() - started).toBeLessThan(5000);
    const all = host.listDomains(false);
    expect(all).toHaveLength(1000);
    expect(host.node).toMatchObject({ model: 'virtdeck-gen', cpus: 12, mhz: 2933 });
    const d = host.lookupDomainByName('gen-0007');
    expect(d.uuid).toBe('5eed0000-0000-4000-8000-000000000007');
    expect(host.domainInfo(d)).toMatchObject({ state: 'paused', maxMemoryKiB: 65536 + 7 * 1024, vcpus: 4 });
    expect(host.listDomains(true)).toHaveLength(667);
  });
});
