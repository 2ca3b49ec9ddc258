import type { UriError } from '../../shared/uri';
import { LibraryError } from './library-error';

/** The URI itself is wrong; the message says what and where. */
export class UriParseError extends LibraryError {
  readonly kind = 'uri';
  constructor(readonly uri: string, readonly detail: UriError) {
    super(detail.message);
    this.name = 'UriParseError';
  }
}

/** A well-formed URI this client cannot open (yet, or by design). */
export class UnsupportedUriError extends LibraryError {
  readonly kind = 'unsupported';
  constructor(readonly uri: string, message: string) {
    super(message);
    this.name = 'UnsupportedUriError';
  }
}
