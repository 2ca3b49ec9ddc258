import type { AppError, PlainErrorKind } from '../../shared/errors';

/** A failure main raises on purpose, already in the shape the renderer shows. */
export class AppFailure extends Error {
  readonly error: AppError;
  /** An error already in the renderer's shape (a failed open, say), carried as it is. */
  constructor(error: AppError);
  constructor(kind: PlainErrorKind, message: string, detail?: string);
  constructor(first: AppError | PlainErrorKind, message = '', detail?: string) {
    const error: AppError = typeof first === 'object' ? first : detail === undefined ? { kind: first, message } : { kind: first, message, detail };
    super(error.message);
    this.name = 'AppFailure';
    this.error = error;
  }
}
