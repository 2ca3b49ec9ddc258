import type { Duplex } from 'node:stream';
import { CallTimeoutError, TransportError } from '../../errors';
import { RpcClient } from '../../rpc/client';
import { describeTarget, openTransport, type TransportInfo, type TransportTarget } from '../../transport';
import { RemoteConnection } from './connection';
import { handshake } from './handshake';
import type { ConnectionOptions, OpenOptions } from './options';

/**
 * Runs the handshake over a byte stream someone else connected. On failure the stream is
 * closed and the error passed on. `transport` describes the stream for the UI.
 */
export async function openOverStream(
  stream: Duplex,
  name: string,
  options: ConnectionOptions & { readonly transport?: TransportInfo } = {},
): Promise<RemoteConnection> {
  const rpc = new RpcClient(stream, options.callTimeoutMs === undefined ? {} : { defaultTimeoutMs: options.callTimeoutMs });
  try {
    const features = await handshake(rpc, name, options);
    return new RemoteConnection(rpc, features, undefined, options.transport, stream);
  } catch (error) {
    rpc.close();
    throw error;
  }
}

/**
 * Connects the transport a target names and opens the daemon-side `name` over it. A peer
 * that accepts and then says nothing fails with the handshake timeout, naming the target.
 */
export async function open(target: TransportTarget, options: OpenOptions): Promise<RemoteConnection> {
  const { stream, info } = await openTransport(target, {
    ...(options.connectTimeoutMs === undefined ? {} : { timeoutMs: options.connectTimeoutMs }),
    ...(options.prompts === undefined ? {} : { prompts: options.prompts }),
    ...(options.ssh === undefined ? {} : { ssh: options.ssh }),
  });
  try {
    return await openOverStream(stream, options.name, { ...options, transport: info });
  } catch (error) {
    if (error instanceof CallTimeoutError) {
      throw new TransportError(describeTarget(target), 'ETIMEDOUT', `connected, but libvirtd did not answer within ${error.timeoutMs} ms`);
    }
    throw error;
  }
}
