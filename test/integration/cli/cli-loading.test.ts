/**
 * What a virtdeck-cli run loads, seen on the real process: each command loads the Node
 * modules its work needs and no others (no terminal code when nothing is asked, no TLS for
 * TCP, no HTTP for SSH), the built CLI carries its SSH client with it (a copy of out/cli
 * with no node_modules anywhere above it connects over SSH), and the process exits once its
 * output is out, even while something still holds Node's event loop.
 *
 * A probe preloaded with --require writes, at exit, the public built-in modules that the
 * run loaded (process.moduleLoadList), and can hold the event loop with a long timer.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureCliBuilt, type CliResult } from '../../helpers/cli';

const harness = inject('harness');
const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'virtdeck-cli.js');

/** Appends each ES module file the loader loads to VIRTDECK_PROBE_OUT.modules. */
const MODULE_HOOK = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.VIRTDECK_PROBE_OUT + '.modules', url + '\\n');
  return next(url, context);
}`;

const PROBE = `const { writeFileSync } = require('node:fs');
require('node:module').register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(MODULE_HOOK)}));
if (process.env.VIRTDECK_PROBE_HOLD === '1') setTimeout(() => undefined, 600000);
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  writeFileSync(process.env.VIRTDECK_PROBE_OUT, JSON.stringify(builtins.filter((m) => !m.startsWith('internal/'))));
});
`;

let dir = '';
let probe = '';
let run = 0;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'virtdeck-cli-loading-'));
  probe = join(dir, 'probe.cjs');
  await writeFile(probe, PROBE);
}, 180_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface ProbedRun extends CliResult {
  /** The public built-in modules (net, tls, readline…) the process loaded. */
  readonly builtins: readonly string[];
  /** The CLI's own files (its entry and the chunks) the process loaded. */
  readonly files: readonly string[];
}

/** Runs `script` (the CLI's entry) with the probe preloaded. */
function probed(script: string, args: readonly string[], options: { readonly hold?: boolean } = {}): Promise<ProbedRun> {
  run += 1;
  const out = join(dir, `loaded-${run}.json`);
  const env = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${probe}`.trim(),
    VIRTDECK_PROBE_OUT: out,
    VIRTDECK_PROBE_HOLD: options.hold === true ? '1' : '0',
  };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      Promise.all([readFile(out, 'utf8'), readFile(`${out}.modules`, 'utf8')]).then(
        ([text, modules]) => {
          const files = modules.split('\n').filter((url) => url !== '').map((url) => fileURLToPath(url));
          resolve({ code, stdout, stderr, builtins: JSON.parse(text) as string[], files });
        },
        (readError: unknown) => { reject(new Error(`the probe wrote nothing (exit ${code}, stderr ${stderr}): ${String(readError)}`)); },
      );
    });
  });
}

/** Whether any file the run loaded carries fast-xml-parser (the bundle keeps each module's path in a comment). */
async function loadedXmlParser(run: ProbedRun): Promise<boolean> {
  const texts = await Promise.all(run.files.map((file) => readFile(file, 'utf8')));
  return texts.some((text) => text.includes('node_modules/fast-xml-parser/'));
}

function expectNone(loaded: readonly string[], unwanted: readonly string[]): void {
  expect(loaded.filter((m) => unwanted.includes(m))).toEqual([]);
}

describe('what a virtdeck-cli run loads', () => {
  it('--version loads neither the library nor the terminal', async () => {
    const result = await probed(BIN, ['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^virtdeck-cli \d+\.\d+\.\d+\n$/);
    // net is not in the list: Node itself loads it for a stdout that is a pipe, as here.
    expectNone(result.builtins, ['tls', 'crypto', 'os', 'readline', 'zlib', 'http', 'https', 'child_process']);
  });

  it('info on the embedded host loads no transport and no terminal code', async () => {
    const result = await probed(BIN, ['info', '--json', '-c', 'test:///default']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ uri: 'test:///default', type: 'TEST' });
    expectNone(result.builtins, ['tls', 'readline', 'http', 'https', 'dns', 'child_process']);
    // The embedded test driver keeps its host as XML: the parser is there when needed.
    expect(await loadedXmlParser(result)).toBe(true);
  });

  it('a listing over TCP loads neither TLS, SSH nor the terminal', async () => {
    const result = await probed(BIN, ['list', '--all', '--json', '-c', harness.uris.tcp]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'test' })]));
    expectNone(result.builtins, ['tls', 'readline', 'http', 'https', 'dns', 'child_process', 'zlib']);
  });
});

describe('the built CLI on its own', () => {
  let copy = '';
  beforeAll(async () => {
    // A folder of its own in the system's temp dir: no node_modules above it to fall back on.
    copy = join(dir, 'resources', 'cli');
    await cp(join(ROOT, 'out', 'cli'), copy, { recursive: true });
  });

  it('connects over SSH from a copy with no node_modules, loading no HTTP code', async () => {
    const result = await probed(join(copy, 'index.js'), ['info', '--json', '-c', harness.uris.ssh]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ uri: 'test:///default', type: 'TEST' });
    expectNone(result.builtins, ['http', 'https', 'readline']);
    // Nor the XML parser: only the managing commands, snapshots and the embedded driver read XML.
    expect(await loadedXmlParser(result)).toBe(false);
  });
});

describe('leaving', () => {
  it('exits once its output is out, while a timer still holds the event loop', async () => {
    // Without the prompt exit the process would live on for the probe's ten-minute timer,
    // until execFile's 60 s timeout killed it (code -1).
    const result = await probed(BIN, ['info', '--json', '-c', harness.uris.unix], { hold: true });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ uri: 'test:///default' });
  }, 90_000);
});
