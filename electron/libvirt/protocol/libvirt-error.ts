import { LibraryError } from '../library-error';
import { errorCodeName, type ErrorCodeName } from './error-codes';

/** An error the daemon reported (an ERROR reply): libvirt's own code, domain and message. */
export class LibvirtError extends LibraryError {
  readonly kind = 'libvirt';
  /** The symbolic name (e.g. NO_DOMAIN) when the code is one we single out. */
  readonly codeName: ErrorCodeName | undefined;

  constructor(
    readonly code: number,
    readonly domain: number,
    readonly level: number,
    message: string,
  ) {
    super(message);
    this.name = 'LibvirtError';
    this.codeName = errorCodeName(code);
  }
}
