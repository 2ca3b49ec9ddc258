/**
 * Maps whatever a handler threw to the one error shape the renderer understands: main's
 * own AppFailure as it is, the library's closed family of failures kind by kind (a new
 * library kind does not compile until it is mapped here), anything else as 'internal'.
 */
import type { AppError } from '../../../shared/errors';
import { asLibraryFailure, ManageError, type CloseReason, type LibraryFailure } from '../../libvirt';
import { PolicyError } from '../../policy';
import { AppFailure } from '../app-failure';

function fromLibrary(failure: LibraryFailure): AppError {
  const message = failure.message;
  switch (failure.kind) {
    case 'libvirt':
      return { kind: 'libvirt', code: failure.code, message };
    case 'uri':
      return { kind: 'invalid-uri', message };
    case 'transport':
      return { kind: 'transport', message };
    case 'host-key': {
      const { refusal } = failure;
      return {
        kind: 'host-key',
        message,
        hostKey: {
          reason: refusal.reason,
          host: failure.host,
          port: failure.port,
          keyType: refusal.keyType,
          fingerprint: refusal.fingerprint,
          knownHostsFile: refusal.knownHostsFile,
          line: refusal.reason === 'changed' ? refusal.line : null,
        },
      };
    }
    case 'certificate': {
      const { refusal } = failure;
      switch (refusal.reason) {
        case 'untrusted-server':
        case 'name-mismatch':
          return { kind: 'certificate', message, certificate: { reason: refusal.reason, file: refusal.caFile } };
        case 'client-refused':
          return { kind: 'certificate', message, certificate: { reason: refusal.reason, file: refusal.clientCertFile } };
      }
      break;
    }
    case 'auth': {
      const { failure: auth } = failure;
      switch (auth.kind) {
        case 'ssh-rejected':
          return { kind: 'auth', message, auth: { method: 'ssh', user: auth.user, passwordTried: auth.tried.includes('password') } };
        case 'unsupported-auth-type':
          return { kind: 'auth', message, auth: { method: 'unsupported' } };
        case 'polkit-denied':
          return { kind: 'auth', message, auth: { method: 'polkit', action: auth.action } };
        case 'sasl-no-mechanism':
          return { kind: 'auth', message, auth: { method: 'sasl', problem: 'no-mechanism' } };
        case 'sasl-security-layer':
          return { kind: 'auth', message, auth: { method: 'sasl', problem: 'security-layer' } };
        case 'sasl-plain-unencrypted':
          return { kind: 'auth', message, auth: { method: 'sasl', problem: 'plain-unencrypted' } };
        case 'no-credentials':
          return { kind: 'auth', message, auth: { method: 'sasl', problem: 'no-credentials' } };
        case 'sasl-rejected':
          return { kind: 'auth', message, auth: { method: 'sasl', problem: 'rejected' } };
        case 'sasl-server-invalid':
          return { kind: 'auth', message, auth: { method: 'sasl', problem: 'server-invalid' } };
      }
      break;
    }
    case 'timeout':
      return { kind: 'timeout', message };
    case 'protocol':
      return { kind: 'protocol', message };
    case 'closed':
      return { kind: closedKind(failure.reason), message };
    case 'unsupported':
      return { kind: 'unsupported', message };
  }
}

/**
 * A connection that ended because the peer broke the protocol, or went silent, is told as
 * that (so the window's advice says to check the address, or that the host stopped
 * answering), not as a plain close that reconnecting would mend.
 */
function closedKind(reason: CloseReason): 'closed' | 'protocol' | 'timeout' {
  switch (reason.kind) {
    case 'protocol':
      return 'protocol';
    case 'keepalive-timeout':
      return 'timeout';
    case 'local':
    case 'peer-ended':
    case 'transport':
    case 'daemon':
      return 'closed';
  }
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.error;
  // A request the library refused before libvirt saw it (a slash in a name, a full pool): the caller's to fix.
  if (error instanceof ManageError) return { kind: 'invalid-argument', message: error.message, detail: error.problem };
  if (error instanceof PolicyError) return { kind: 'policy', message: error.message };
  const failure = asLibraryFailure(error);
  if (failure !== undefined) return fromLibrary(failure);
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
