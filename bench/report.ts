import { median, type Timing } from './measure';

/**
 * The issue's goal for a row: `against`'s time divided by ours at least `atLeast` (a
 * target "ours ≤ 0.6× theirs" is atLeast 1 / 0.6).
 */
export interface Target {
  readonly against: string;
  readonly atLeast: number;
  /** As the issue words it. */
  readonly text: string;
}

/** One job measured for every contender that can do it; the first contender is ours. */
export interface Row {
  readonly transport: string;
  readonly job: string;
  readonly ours: Timing;
  readonly others: Readonly<Record<string, Timing>>;
  readonly target?: Target;
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

function cell(timing: Timing | undefined): string {
  if (timing === undefined) return '—';
  switch (timing.kind) {
    case 'done': return ms(median(timing.ms));
    case 'failed': return `did not finish (${timing.why})`;
  }
}

/** Their median divided by ours, when both finished. */
export function ratio(ours: Timing, theirs: Timing | undefined): number | undefined {
  if (theirs?.kind !== 'done' || ours.kind !== 'done') return undefined;
  return median(theirs.ms) / median(ours.ms);
}

const times = (value: number | undefined): string => (value === undefined ? '—' : `${value.toFixed(2)}×`);

export type Verdict = 'met' | 'not met' | 'not measured';

export function verdict(row: Row): Verdict | undefined {
  if (row.target === undefined) return undefined;
  const value = ratio(row.ours, row.others[row.target.against]);
  if (value === undefined) return 'not measured';
  return value >= row.target.atLeast ? 'met' : 'not met';
}

function targetCell(row: Row): string {
  const outcome = verdict(row);
  return row.target === undefined || outcome === undefined ? '' : `${row.target.text}: **${outcome}**`;
}

/**
 * A Markdown table printed a row at a time, as each row is measured, so a run cut short
 * still shows what it measured: medians, and how many times faster ours is than each other
 * client (their time ÷ ours).
 */
export class StreamedTable {
  readonly rows: Row[] = [];

  constructor(
    private readonly out: (line: string) => void,
    title: string,
    private readonly contenders: readonly string[],
  ) {
    const header = ['transport', 'job', 'virtdeck (ms)', ...contenders.flatMap((c) => [`${c} (ms)`, `${c} ÷ virtdeck`]), 'target'];
    out(`\n${title}\n`);
    out(`| ${header.join(' | ')} |`);
    out(`| ${header.map(() => '---').join(' | ')} |`);
  }

  add(row: Row): void {
    this.rows.push(row);
    const cells = [row.transport, row.job, cell(row.ours)];
    for (const contender of this.contenders) cells.push(cell(row.others[contender]), times(ratio(row.ours, row.others[contender])));
    cells.push(targetCell(row));
    this.out(`| ${cells.join(' | ')} |`);
  }
}

/** Every row that has a target, with its outcome: the run's answer to the issue. */
export function targetSummary(rows: readonly Row[]): string {
  const lines = ['| transport | job | ratio | target | outcome |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    if (row.target === undefined) continue;
    lines.push(`| ${row.transport} | ${row.job} | ${times(ratio(row.ours, row.others[row.target.against]))} | ${row.target.text} | ${verdict(row) ?? ''} |`);
  }
  return lines.join('\n');
}
