/** A volume's on-disk format, read from its XML: what a disk pointing at it must declare. */
import { firstChild, parseXml } from '../drivers/test/xml-tree';

/** qcow2, raw, iso...; undefined when the volume's XML names none (a block device, a directory). */
export function volumeFormatOf(xml: string): string | undefined {
  const target = firstChild(parseXml(xml), 'target');
  return target === undefined ? undefined : firstChild(target, 'format')?.attrs.type;
}
