/**
 * libvirt's ext transport: a local program whose stdin and stdout carry the protocol.
 * libvirt runs command= alone, without arguments and without a shell; so do we, and only
 * after the caller's confirmCommand prompt agreed, since a URI is not a reason to run code.
 */
import { spawn } from 'node:child_process';
import { TransportError } from '../errors';
import { ChildProcessStream } from './child-stream';
import type { TransportInfo } from './info';
import type { Prompts } from './prompts';
import type { Duplex } from 'node:stream';

export interface ExtTarget {
  readonly kind: 'ext';
  readonly command: string;
}

export async function connectExt(target: ExtTarget, prompts: Prompts | undefined): Promise<{ stream: Duplex; info: TransportInfo }> {
  const argv = [target.command];
  const agreed = prompts?.confirmCommand === undefined ? false : await prompts.confirmCommand({ kind: 'confirm-command', argv });
  if (!agreed) {
    throw new TransportError(target.command, 'EDECLINED', 'running this external command was not confirmed');
  }
  const child = spawn(target.command, [], { shell: false, stdio: ['pipe', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(new TransportError(target.command, error.code ?? 'ESPAWN', `cannot run it: ${error.message}`));
    });
  });
  return { stream: new ChildProcessStream(child, target.command), info: { kind: 'ext', argv } };
}
