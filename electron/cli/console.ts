/**
 * `virtdeck-cli console`: a domain's serial console on this terminal, as `virsh console`
 * (raw mode, Ctrl+] leaves), or, without a terminal, a pipe like `nc`: stdin goes to the
 * console and the console to stdout until either ends. The console ending (the domain
 * stopped) ends the command at once; nothing waits on a stream that will never speak.
 */
import type { ByteStream, Connection } from '../libvirt';
import { findDomain } from './lifecycle';

/** Ctrl+], virsh's escape. */
const ESCAPE = 0x1d;

export interface ConsoleIo {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export interface ConsoleRequest {
  readonly domain: string;
  readonly devName: string | undefined;
  readonly force: boolean;
}

/** Why the session ended. */
type Ending =
  | { readonly kind: 'console-ended' }
  | { readonly kind: 'escape' }
  | { readonly kind: 'input-ended' }
  | { readonly kind: 'failed'; readonly error: Error };

export async function runConsole(conn: Connection, request: ConsoleRequest, io: ConsoleIo): Promise<string | null> {
  const dom = await findDomain(conn, request.domain);
  const stream = await conn.openConsole(dom, {
    ...(request.devName === undefined ? {} : { devName: request.devName }),
    force: request.force,
  });
  const tty = io.stdin.isTTY;
  if (tty) {
    io.stderr.write(`Connected to domain '${dom.name}'\r\nEscape character is ^] (Ctrl + ])\r\n`);
    io.stdin.setRawMode(true);
  }
  const ending = await relay(stream, io, tty);
  if (tty) io.stdin.setRawMode(false);
  io.stdin.pause();
  io.stdin.destroy();
  switch (ending.kind) {
    case 'console-ended':
      await stream.finish().catch(() => undefined);
      return tty ? '\r\nThe console ended (the domain stopped, or another client took it over)' : null;
    case 'escape':
    case 'input-ended':
      await stream.finish().catch(() => { stream.destroy(); });
      return tty ? '' : null;
    case 'failed':
      stream.destroy();
      throw ending.error;
  }
}

function relay(stream: ByteStream, io: ConsoleIo, tty: boolean): Promise<Ending> {
  return new Promise((resolve) => {
    let done = false;
    const end = (ending: Ending): void => {
      if (done) return;
      done = true;
      io.stdin.off('data', onInput);
      stream.unpipe(io.stdout);
      resolve(ending);
    };
    const onInput = (chunk: Buffer): void => {
      const escape = tty ? chunk.indexOf(ESCAPE) : -1;
      if (escape >= 0) {
        if (escape > 0) stream.write(chunk.subarray(0, escape));
        end({ kind: 'escape' });
        return;
      }
      // The console's own buffer is the bound: stop reading input until it drains.
      if (!stream.write(chunk)) {
        io.stdin.pause();
        stream.once('drain', () => { if (!done) io.stdin.resume(); });
      }
    };
    stream.pipe(io.stdout, { end: false });
    stream.once('end', () => { end({ kind: 'console-ended' }); });
    stream.once('error', (error: Error) => { end({ kind: 'failed', error }); });
    io.stdin.on('data', onInput);
    io.stdin.once('end', () => { end({ kind: 'input-ended' }); });
    io.stdin.resume();
  });
}
