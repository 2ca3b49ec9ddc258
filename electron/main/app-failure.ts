import type { AppError, ErrorKind } from '../../shared/errors';

/** A failure main raises on purpose, already in the shape the renderer shows. */
export class AppFailure extends Error {
  readonly error: AppError;
  constructor(kind: ErrorKind, message: string, detail?: string) {
    super(message);
    this.name = 'AppFailure';
    this.error = detail === undefined ? { kind, message } : { kind, message, detail };
  }
}
