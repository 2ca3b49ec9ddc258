/**
 * Main's side of an RFB 3.8 handshake with a domain's VNC server, up to the security
 * result: None when offered, else VNC authentication with the password the person gave.
 * The page's noVNC then talks to a server that needs nothing (see page-front.ts), so the
 * password is answered in main and never goes back to the page.
 */
import type { Duplex } from 'node:stream';
import { ByteReader } from './byte-reader';
import { VNC_CHALLENGE_BYTES, vncResponse } from './vnc-response';

export const RFB_VERSION_3_8 = 'RFB 003.008\n';
const SECURITY_NONE = 1;
const SECURITY_VNC = 2;
/** A reason string longer than this is a broken server, not a reason. */
const MAX_REASON_BYTES = 4096;

export type ServerHandshake =
  /** Authenticated (or no authentication needed): the pipe is ready for ClientInit. */
  | { readonly kind: 'ready'; readonly pipe: Duplex; readonly leftover: Buffer }
  /** The server wants VNC authentication and no password was given; nothing was sent. */
  | { readonly kind: 'needs-password' }
  /** The server refused the password, in its own words. */
  | { readonly kind: 'refused'; readonly reason: string };

/** The server's words (or ours) for a handshake it cannot finish: not a password matter. */
export class VncHandshakeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VncHandshakeError';
  }
}

async function readReason(reader: ByteReader): Promise<string> {
  const length = await reader.readU32();
  if (length > MAX_REASON_BYTES) throw new VncHandshakeError(`the VNC server sent a ${String(length)}-byte reason`);
  return (await reader.read(length)).toString('utf8');
}

function write(pipe: Duplex, data: Buffer): void {
  pipe.write(data);
}

/**
 * Runs the handshake on `pipe`. On 'ready' the pipe is handed back paused; on anything
 * else, including a throw, the caller destroys it.
 */
export async function serverHandshake(pipe: Duplex, password: string | null, timeoutMs: number): Promise<ServerHandshake> {
  const reader = new ByteReader(pipe, timeoutMs);
  try {
    const version = (await reader.read(12)).toString('latin1');
    const match = /^RFB (\d{3})\.(\d{3})\n$/.exec(version);
    if (match === null) throw new VncHandshakeError('this is not a VNC server: its greeting is not "RFB xxx.yyy"');
    const [major, minor] = [Number(match[1]), Number(match[2])];
    if (major < 3 || (major === 3 && minor < 8)) {
      throw new VncHandshakeError(`the VNC server speaks RFB ${String(major)}.${String(minor)}; Virtdeck needs 3.8 or later`);
    }
    write(pipe, Buffer.from(RFB_VERSION_3_8, 'latin1'));
    const count = await reader.readU8();
    if (count === 0) throw new VncHandshakeError(`the VNC server refused the connection: ${await readReason(reader)}`);
    const types = [...(await reader.read(count))];
    let chosen: number;
    if (types.includes(SECURITY_NONE)) {
      chosen = SECURITY_NONE;
      write(pipe, Buffer.from([SECURITY_NONE]));
    } else if (types.includes(SECURITY_VNC)) {
      if (password === null) return { kind: 'needs-password' };
      chosen = SECURITY_VNC;
      write(pipe, Buffer.from([SECURITY_VNC]));
      const challenge = await reader.read(VNC_CHALLENGE_BYTES);
      write(pipe, vncResponse(challenge, password));
    } else {
      throw new VncHandshakeError(
        `the VNC server offers security types ${types.join(', ')}; Virtdeck speaks None (1) and VNC password authentication (2)`,
      );
    }
    const result = await reader.readU32();
    if (result !== 0) {
      const reason = await readReason(reader);
      if (chosen === SECURITY_VNC) return { kind: 'refused', reason };
      throw new VncHandshakeError(`the VNC server refused the connection: ${reason}`);
    }
    return { kind: 'ready', pipe, leftover: reader.detach() };
  } finally {
    reader.detach();
  }
}
