/**
 * virtdeck-cli exits as soon as its output is out, not when the event loop runs dry: the
 * exit waits for the streams' flush (that it waits for nothing else is seen on the real
 * process, in test/integration/cli/cli-loading.test.ts).
 */
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { exitOnceFlushed } from '../../../electron/cli/exit';

/** A stream that takes each chunk a few event-loop turns after it is written, as a slow pipe does. */
function slowSink(): { stream: Writable; received: string[] } {
  const received: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      setTimeout(() => { received.push(chunk.toString()); callback(); }, 5);
    },
  });
  return { stream, received };
}

it('exits with the code only after every earlier write has been taken', async () => {
  const out = slowSink();
  const err = slowSink();
  out.stream.write('first ');
  out.stream.write('second');
  err.stream.write('warning');
  const exits: { code: number; out: string; err: string }[] = [];
  await exitOnceFlushed(3, [out.stream, err.stream], (code) => { exits.push({ code, out: out.received.join(''), err: err.received.join('') }); });
  expect(exits).toEqual([{ code: 3, out: 'first second', err: 'warning' }]);
});

it('exits without writing again to a stream that was ended or is gone', async () => {
  const ended = slowSink();
  ended.stream.end('last words');
  const gone = slowSink();
  gone.stream.destroy();
  const codes: number[] = [];
  // A write after end() would raise ERR_STREAM_WRITE_AFTER_END on the stream.
  await exitOnceFlushed(0, [ended.stream, gone.stream], (code) => { codes.push(code); });
  expect(codes).toEqual([0]);
});
