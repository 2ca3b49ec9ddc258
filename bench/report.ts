import { median } from './measure';

/** One job measured for every contender that can do it; the first contender is ours. */
export interface Row {
  readonly transport: string;
  readonly job: string;
  readonly ours: readonly number[];
  readonly others: Readonly<Record<string, readonly number[]>>;
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

/** A Markdown table: medians, and how many times faster ours is than each other client. */
export function formatTable(rows: readonly Row[], contenders: readonly string[]): string {
  const header = ['transport', 'job', 'virtdeck (ms)', ...contenders.flatMap((c) => [`${c} (ms)`, `${c} ÷ virtdeck`])];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) {
    const ours = median(row.ours);
    const cells = [row.transport, row.job, ms(ours)];
    for (const contender of contenders) {
      const theirs = row.others[contender];
      if (theirs === undefined) cells.push('', '');
      else cells.push(ms(median(theirs)), `${(median(theirs) / ours).toFixed(1)}×`);
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
