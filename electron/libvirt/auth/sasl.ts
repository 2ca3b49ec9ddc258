/**
 * SASL with libvirtd (AUTH_SASL_INIT, START, STEP): the daemon lists its mechanisms, we pick
 * one (mechanisms.ts), and the exchange runs until the daemon says complete and the server's
 * own proof checks out. No mechanism chosen here negotiates a security layer, so once this
 * resolves the connection carries calls as before.
 */
import { AuthError, LibvirtError } from '../errors';
import { ErrorCode } from '../protocol/error-codes';
import type { RpcClient } from '../rpc/client';
import { saslCredentials, type CredentialSource } from './credentials';
import { DigestMd5Client, DigestMd5Error } from './digest-md5';
import { chooseMechanism, parseMechlist, type SaslMechanism } from './mechanisms';
import { ScramClient, ScramError } from './scram';

export interface SaslContext extends CredentialSource {
  /** TLS, a local unix socket or an SSH tunnel: what is sent is not seen on the network. */
  readonly confidential: boolean;
  /** Told once when an obsolete mechanism is used. */
  readonly onWarning?: (message: string) => void;
}

export interface SaslOutcome {
  readonly mechanism: string;
  readonly user: string;
}

/** One round of the exchange: what we send, and the daemon's answer to it. */
interface Reply {
  readonly complete: boolean;
  readonly data: Buffer | null;
}

type Send = (data: Buffer | null) => Promise<Reply>;

const toReply = (r: { complete: number; nil: number; data: Buffer }): Reply => ({ complete: r.complete !== 0, data: r.nil !== 0 ? null : r.data });
const wire = (data: Buffer | null): { nil: number; data: Buffer } => (data === null ? { nil: 1, data: Buffer.alloc(0) } : { nil: 0, data });

export async function authenticateSasl(rpc: RpcClient, context: SaslContext, call: { timeoutMs: number }): Promise<SaslOutcome> {
  const { mechlist } = await rpc.call('authSaslInit', undefined, call);
  const offered = parseMechlist(mechlist);
  const choice = chooseMechanism(offered, context.confidential);
  if (!choice.ok) throw refusal(choice.why, offered, choice.mechanism);
  const mechanism = choice.mechanism;
  const credentials = await saslCredentials(context, mechanism.name);
  if (credentials === null) {
    throw new AuthError(
      { kind: 'no-credentials', mechanism: mechanism.name },
      `libvirtd on ${context.host} asks for a SASL user name and password (${mechanism.name}), and none was given: ` +
        'answer the prompt, or put them in libvirt\'s auth file ([credentials-NAME] with authname= and password=, ' +
        `selected by [auth-libvirt-${context.host}] or [auth-libvirt-default])`,
    );
  }
  if (mechanism.kind === 'digest-md5') {
    context.onWarning?.(`libvirtd on ${context.host} offers only DIGEST-MD5, an obsolete SASL mechanism (RFC 6331); prefer SCRAM-SHA-256 in its /etc/sasl2/libvirt.conf`);
  }
  let first = true;
  const send: Send = async (data) => {
    const args = wire(data);
    const reply = first ? await rpc.call('authSaslStart', { mech: mechanism.name, ...args }, call) : await rpc.call('authSaslStep', args, call);
    first = false;
    return toReply(reply);
  };
  try {
    await exchange(mechanism, credentials.user, credentials.password, context.host, send);
  } catch (error) {
    throw translate(error, mechanism.name, credentials.user);
  }
  return { mechanism: mechanism.name, user: credentials.user };
}

async function exchange(mechanism: SaslMechanism, user: string, password: string, host: string, send: Send): Promise<void> {
  switch (mechanism.kind) {
    case 'scram': {
      const scram = new ScramClient(mechanism.hash, user, password);
      const serverFirst = await send(scram.firstMessage());
      if (serverFirst.complete || serverFirst.data === null) throw new ScramError('the daemon ended the exchange before sending its salt');
      const serverFinal = await send(scram.finalMessage(serverFirst.data));
      if (serverFinal.data === null) throw new ScramError('the daemon did not send its proof');
      scram.verifyServerFinal(serverFinal.data);
      if (!serverFinal.complete) expectComplete(await send(null), mechanism.name);
      return;
    }
    case 'plain': {
      // authzid (empty: the same as the user), authcid, password, NUL-separated.
      const reply = await send(Buffer.concat([Buffer.from([0]), Buffer.from(user, 'utf8'), Buffer.from([0]), Buffer.from(password, 'utf8')]));
      expectComplete(reply, mechanism.name);
      return;
    }
    case 'digest-md5': {
      const digest = new DigestMd5Client(user, password, `libvirt/${host}`);
      const challenge = await send(null);
      if (challenge.data === null) throw new DigestMd5Error('malformed', 'the daemon sent no DIGEST-MD5 challenge');
      const proof = await send(digest.respond(challenge.data));
      if (proof.data === null) throw new DigestMd5Error('server-proof', 'the daemon did not send its rspauth');
      digest.verify(proof.data);
      if (!proof.complete) expectComplete(await send(Buffer.alloc(0)), mechanism.name);
      return;
    }
  }
}

function expectComplete(reply: Reply, mechanism: string): void {
  if (!reply.complete) throw new ScramError(`the daemon wants more ${mechanism} rounds than the mechanism has`);
}

function refusal(why: 'none-known' | 'plain-unencrypted' | 'security-layer', offered: readonly string[], mechanism: string | undefined): AuthError {
  const list = offered.join(', ') || 'none';
  switch (why) {
    case 'none-known': {
      const kerberos = offered.includes('GSSAPI') ? ' GSSAPI (Kerberos) is not supported by this client;' : '';
      return new AuthError(
        { kind: 'sasl-no-mechanism', offered },
        `libvirtd offers the SASL mechanisms ${list}, none of which this client speaks.${kerberos} it speaks SCRAM-SHA-256, SCRAM-SHA-1, PLAIN (inside TLS) and DIGEST-MD5 (without a security layer)`,
      );
    }
    case 'plain-unencrypted':
      return new AuthError(
        { kind: 'sasl-plain-unencrypted' },
        `libvirtd offers only SASL PLAIN (${list}) on an unencrypted connection, which would send the password in clear: connect with qemu+tls:// (or over SSH) instead`,
      );
    case 'security-layer':
      return new AuthError(
        { kind: 'sasl-security-layer', mechanism: mechanism ?? 'DIGEST-MD5' },
        `libvirtd offers only ${list} here, which it runs with a SASL security layer (encryption inside SASL) that this client does not implement; ` +
          'connect with qemu+tls:// (SASL inside TLS) or over SSH, where the daemon offers SCRAM',
      );
  }
}

function translate(error: unknown, mechanism: string, user: string): unknown {
  if (error instanceof LibvirtError && error.code === ErrorCode.AUTH_FAILED) {
    return new AuthError(
      { kind: 'sasl-rejected', mechanism, user, detail: error.message },
      `libvirtd refused the SASL login of "${user}" (${mechanism}): wrong user name or password`,
    );
  }
  if (error instanceof ScramError) {
    return new AuthError({ kind: 'sasl-server-invalid', mechanism, detail: error.message }, `SASL ${mechanism} with libvirtd failed: ${error.message}`);
  }
  if (error instanceof DigestMd5Error) {
    switch (error.reason) {
      case 'security-layer':
        return new AuthError(
          { kind: 'sasl-security-layer', mechanism },
          `${error.message}; this client does not implement SASL security layers: connect with qemu+tls:// or over SSH`,
        );
      case 'malformed':
      case 'server-proof':
        return new AuthError({ kind: 'sasl-server-invalid', mechanism, detail: error.message }, `SASL ${mechanism} with libvirtd failed: ${error.message}`);
    }
  }
  return error;
}
