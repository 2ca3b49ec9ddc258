/**
 * virtdeck-cli opens process.stdin only when a question needs it: the stream's creation
 * costs tens of milliseconds of start-up on a busy machine, and a listing asks nothing.
 * The CLI runs in this process against the embedded test:///default host; process.stdin's
 * getter is wrapped to count who asks for it.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';

const original = Object.getOwnPropertyDescriptor(process, 'stdin');
let reads = 0;
const written: string[] = [];
const realWrite = process.stdout.write.bind(process.stdout);

beforeEach(() => {
  reads = 0;
  Object.defineProperty(process, 'stdin', {
    configurable: true,
    get: () => {
      reads += 1;
      return original?.get?.call(process) as unknown;
    },
  });
  process.stdout.write = (chunk: string | Uint8Array) => { written.push(String(chunk)); return true; };
});
afterEach(() => {
  if (original !== undefined) Object.defineProperty(process, 'stdin', original);
  process.stdout.write = realWrite;
  written.length = 0;
});

it('lists the embedded host without opening stdin', async () => {
  expect(await main(['list', '--all', '--json', '-c', 'test:///default'])).toBe(0);
  expect(JSON.parse(written.join('')) as unknown).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'test', state: 'running' })]));
  expect(reads).toBe(0);
});
