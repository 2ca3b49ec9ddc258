import { describe, expect, it } from 'vitest';
import { domainDefXml, parseDomainDef } from '../../../electron/libvirt/drivers/test/domain-def';
import { parseXmlOrThrow } from '../../../electron/libvirt/drivers/test/host-file';

const parse = (xml: string) => parseDomainDef(parseXmlOrThrow(xml, '(domain_definition)')).def;

describe('domain definitions', () => {
  it('reads memory in any libvirt unit into KiB, and clamps currentMemory to memory', () => {
    const def = parse("<domain type='test'><name>a</name><memory unit='GiB'>2</memory><currentMemory unit='MB'>1</currentMemory><os><type>hvm</type></os></domain>");
    expect(def).toMatchObject({ maxMemoryKiB: 2097152, memoryKiB: 977, vcpus: 1 });
    expect(parse("<domain type='test'><name>a</name><memory>100</memory><currentMemory>200</currentMemory><os><type>hvm</type></os></domain>").memoryKiB).toBe(100);
  });

  it('reads current and maximum vCPUs', () => {
    expect(parse("<domain type='test'><name>a</name><memory>1</memory><vcpu current='2'>4</vcpu><os><type>hvm</type></os></domain>")).toMatchObject({ vcpus: 2, maxVcpus: 4 });
  });

  it('generates a UUID when none is given, and normalises a given one', () => {
    expect(parse("<domain type='test'><name>a</name><memory>1</memory><os><type>hvm</type></os></domain>").uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(parse("<domain type='test'><name>a</name><uuid>6695EB01F6A4830479AA97F2502E193F</uuid><memory>1</memory><os><type>hvm</type></os></domain>").uuid).toBe('6695eb01-f6a4-8304-79aa-97f2502e193f');
  });

  it.each([
    ["<domain type='test'><memory>1</memory><os><type>hvm</type></os></domain>", 21, 'missing name information'],
    ["<domain type='test'><name>a</name><os><type>hvm</type></os></domain>", 27, 'XML error: Memory size must be specified via <memory> or in the <numa> configuration'],
    ["<domain type='test'><name>a</name><memory>1</memory></domain>", 27, 'XML error: an os <type> must be specified'],
    ["<domain type='test'><name>a/b</name><memory>1</memory><os><type>hvm</type></os></domain>", 27, "XML error: name a/b cannot contain '/'"],
    ["<domain type='test'><name>a</name><uuid>nope</uuid><memory>1</memory><os><type>hvm</type></os></domain>", 27, 'XML error: malformed uuid element'],
  ])('refuses %s', (xml, code, message) => {
    expect(() => parse(xml)).toThrow(expect.objectContaining({ code, domain: 20, message }) as Error);
  });

  it('refuses malformed XML with XML_DETAIL', () => {
    expect(() => parse('<domain')).toThrow(expect.objectContaining({ code: 35, domain: 20 }) as Error);
  });

  it('keeps the XML as given, normalised with name, uuid, memory, libvirt defaults and the id while running', () => {
    const def = parse("<domain type='test'><os><type>hvm</type></os><memory unit='MiB'>1</memory><name>a&amp;b</name><uuid>11111111-2222-3333-4444-555555555555</uuid><devices><disk type='file'/></devices></domain>");
    expect(domainDefXml(def, 4)).toBe([
      "<domain type='test' id='4'>",
      '  <name>a&amp;b</name>',
      '  <uuid>11111111-2222-3333-4444-555555555555</uuid>',
      "  <memory unit='KiB'>1024</memory>",
      "  <currentMemory unit='KiB'>1024</currentMemory>",
      "  <vcpu placement='static'>1</vcpu>",
      '  <os>',
      "    <type arch='i686'>hvm</type>",
      "    <boot dev='hd'/>",
      '  </os>',
      "  <clock offset='utc'/>",
      '  <on_poweroff>destroy</on_poweroff>',
      '  <on_reboot>restart</on_reboot>',
      '  <on_crash>destroy</on_crash>',
      '  <devices>',
      "    <disk type='file'/>",
      '  </devices>',
      '</domain>',
      '',
    ].join('\n'));
    expect(domainDefXml(def, -1)).toMatch(/^<domain type='test'>/);
  });
});
