import { spawn } from 'node:child_process';

/** What one contender's row came to: its run times, or why it has none. */
export type Timing =
  | { readonly kind: 'done'; readonly ms: readonly number[] }
  | { readonly kind: 'failed'; readonly why: string };

/** Milliseconds of each run of `job`, after warm-up runs that are not counted; stops between runs once `signal` aborts. */
export async function timeRuns(runs: number, job: () => Promise<unknown>, warmup = 2, signal?: AbortSignal): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) {
    signal?.throwIfAborted();
    await job();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    signal?.throwIfAborted();
    const start = performance.now();
    await job();
    times.push(performance.now() - start);
  }
  return times;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The first line of an error, short enough for a table cell. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.replace(/\|/g, '/').slice(0, 140);
}

/**
 * One contender's measurement of one row, given `deadlineMs` in all. A measurement still
 * running then is abandoned (its child processes are killed through `signal`) and the row
 * says so, so a client that hangs costs the run one deadline, not the run.
 */
export async function timed(deadlineMs: number, measure: (signal: AbortSignal) => Promise<number[]>): Promise<Timing> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Timing>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`did not finish in ${(deadlineMs / 1000).toFixed(0)} s`));
      resolve({ kind: 'failed', why: `did not finish in ${(deadlineMs / 1000).toFixed(0)} s` });
    }, deadlineMs);
  });
  const work = measure(controller.signal).then(
    (ms): Timing => ({ kind: 'done', ms }),
    (error: unknown): Timing => ({ kind: 'failed', why: reason(controller.signal.aborted ? controller.signal.reason : error) }),
  );
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs a program to completion and resolves with its stdout; a failure names the program
 * and its stderr. `signal` kills it (SIGKILL: a client stuck in poll() ignores nothing else
 * it should not). `env` replaces the environment (the bench's own by default).
 */
export function runProgram(file: string, args: readonly string[], signal?: AbortSignal, env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], killSignal: 'SIGKILL', ...(signal === undefined ? {} : { signal }), ...(env === undefined ? {} : { env }) });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { err += chunk; });
    child.once('error', reject);
    child.once('exit', (code, killedBy) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${file.split('/').pop() ?? file} exited with ${code ?? killedBy ?? '?'}: ${err.trim() || out.trim().slice(0, 200)}`));
    });
  });
}
