import type { Writable } from 'node:stream';

/**
 * Ends the process with `code` as soon as everything written to `streams` (stdout, stderr)
 * is out. By then the command has released what it opened (main awaits the connection's
 * close), but an SSH session's socket, for one, is still being torn down with the server,
 * and Node would wait for that before exiting: 20–120 ms that nobody needs, as the kernel
 * closes what is left. Pipes to another process are asynchronous on some systems, so the
 * exit waits for the streams' own flush rather than trusting a write to be done.
 */
export async function exitOnceFlushed(code: number, streams: readonly Writable[], exit: (code: number) => void): Promise<void> {
  await Promise.all(streams.map(flushed));
  exit(code);
}

/** Resolves once what was written before is flushed; a stream already closed or broken (EPIPE) is as done as it will get. */
function flushed(stream: Writable): Promise<void> {
  if (stream.destroyed || stream.writableFinished || stream.writableEnded) return Promise.resolve();
  // Write callbacks run in order, so an empty write's callback runs after every earlier write.
  return new Promise((resolve) => { stream.write('', () => { resolve(); }); });
}
