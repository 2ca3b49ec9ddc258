import type { Duplex } from 'node:stream';
import { RpcClient } from '../rpc/client';
import { connectTransport, type TransportTarget } from '../transport';
import { RemoteConnection } from './connection';
import { handshake } from './handshake';
import type { ConnectionOptions, OpenOptions } from './options';

/**
 * Runs the handshake over a byte stream someone else connected (TLS, SSH, ext plug in
 * here). On failure the stream is closed and the error passed on.
 */
export async function openOverStream(stream: Duplex, name: string, options: ConnectionOptions = {}): Promise<RemoteConnection> {
  const rpc = new RpcClient(stream, options.callTimeoutMs === undefined ? {} : { defaultTimeoutMs: options.callTimeoutMs });
  try {
    const features = await handshake(rpc, name, options);
    return new RemoteConnection(rpc, features);
  } catch (error) {
    rpc.close();
    throw error;
  }
}

/** Connects the transport a target names and opens the daemon-side `name` over it. */
export async function open(target: TransportTarget, options: OpenOptions): Promise<RemoteConnection> {
  const stream = await connectTransport(target, options.connectTimeoutMs);
  return openOverStream(stream, options.name, options);
}
