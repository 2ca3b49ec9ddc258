import { domainStateName, listDomainDetails, StatsGroup, type Connection, type DomainStateName } from '../libvirt';


/** One line of `virtdeck-cli list` as text: what `virsh list` shows. */
export interface DomainStateRow {
  readonly id: number | null;
  readonly name: string;
  readonly state: DomainStateName;
}

/**
 * Id, name and state of every domain (or the active ones) in two bulk calls, where virsh
 * asks each domain's state in turn.
 */
export async function listDomainStates(conn: Connection, options: { readonly all: boolean }): Promise<DomainStateRow[]> {
  const [domains, stats] = await Promise.all([
    conn.listDomains({ all: options.all }),
    conn.allDomainStats({ stats: StatsGroup.STATE }),
  ]);
  const states = new Map(stats.map((s) => [s.domain.uuid, s.values['state.state']]));
  return sortLikeVirsh(
    domains.map((dom) => {
      const code = states.get(dom.uuid);
      return {
        id: dom.id >= 0 ? dom.id : null,
        name: dom.name,
        state: typeof code === 'number' ? domainStateName(code) : 'unknown',
      };
    }),
  );
}

/** One line of `virtdeck-cli list --json`; the shape is documented in the README. */
export interface DomainRow {
  /** The running instance's id; null when the domain is not running. */
  readonly id: number | null;
  readonly name: string;
  readonly uuid: string;
  readonly state: DomainStateName;
  readonly vcpus: number;
  readonly memoryKiB: number;
}

/** Every domain (or only active ones) with its state, vCPUs and memory. */
export async function listDomainRows(conn: Connection, options: { readonly all: boolean }): Promise<DomainRow[]> {
  const rows = (await listDomainDetails(conn, options)).map(({ ref, info }): DomainRow => ({
    id: ref.id >= 0 ? ref.id : null,
    name: ref.name,
    uuid: ref.uuid,
    state: info.state,
    vcpus: info.vcpus,
    memoryKiB: info.memoryKiB,
  }));
  return sortLikeVirsh(rows);
}

/** virsh's order: running domains by id, then the rest by name. */
function sortLikeVirsh<Row extends { readonly id: number | null; readonly name: string }>(rows: Row[]): Row[] {
  return rows.sort((a, b) => {
    if (a.id !== null && b.id !== null) return a.id - b.id;
    if (a.id !== null) return -1;
    if (b.id !== null) return 1;
    return compareNamesLikeVirsh(a.name, b.name);
  });
}

/**
 * virsh compares names with vshStrcasecmp: byte by byte in UTF-8 (the order of code
 * points), ASCII letters without their case. A locale's collation orders punctuation and
 * case otherwise, and its first use in a process costs ~10 ms of ICU set-up besides.
 */
export function compareNamesLikeVirsh(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = foldAscii(a.codePointAt(i) ?? 0);
    const y = foldAscii(b.codePointAt(j) ?? 0);
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return (a.length - i) - (b.length - j);
}

const foldAscii = (codePoint: number): number => (codePoint >= 0x41 && codePoint <= 0x5a ? codePoint + 0x20 : codePoint);

export function formatDomainTable(rows: readonly DomainStateRow[]): string {
  const idWidth = Math.max(2, ...rows.map((r) => String(r.id ?? '-').length));
  const nameWidth = Math.max(4, ...rows.map((r) => r.name.length));
  const line = (id: string, name: string, state: string): string =>
    ` ${id.padEnd(idWidth)}   ${name.padEnd(nameWidth)}   ${state}`.trimEnd();
  const header = line('Id', 'Name', 'State');
  return [header, '-'.repeat(header.length + 2), ...rows.map((r) => line(String(r.id ?? '-'), r.name, r.state))].join('\n');
}
