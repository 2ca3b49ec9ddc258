/** Maps whatever a handler threw to the one error shape the renderer understands. */
import type { AppError } from '../../../shared/errors';
import { AppFailure } from '../app-failure';

interface Kinded {
  readonly kind: string;
  readonly message: string;
  readonly code?: unknown;
}

function hasKind(error: unknown): error is Error & Kinded {
  return error instanceof Error && typeof (error as Partial<Kinded>).kind === 'string';
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.error;
  if (!hasKind(error)) return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
  switch (error.kind) {
    case 'libvirt':
      return { kind: 'libvirt', message: error.message, ...(typeof error.code === 'number' ? { code: error.code } : {}) };
    case 'uri':
      return { kind: 'invalid-uri', message: error.message };
    case 'transport':
      return { kind: 'transport', message: error.message };
    case 'auth':
      return { kind: 'auth', message: error.message };
    case 'host-key':
      return { kind: 'host-key', message: error.message };
    case 'timeout':
      return { kind: 'timeout', message: error.message };
    case 'protocol':
      return { kind: 'protocol', message: error.message };
    case 'closed':
      return { kind: 'closed', message: error.message };
    case 'unsupported':
      return { kind: 'unsupported', message: error.message };
    case 'policy':
      return { kind: 'policy', message: error.message };
    default:
      return { kind: 'internal', message: error.message };
  }
}
