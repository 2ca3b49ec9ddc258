/**
 * The errors libvirt's test driver reports, with libvirt's numbers and wording, so that a
 * caller (and the differential suite) cannot tell the embedded driver from the daemon's.
 */
import { LibvirtError } from '../../protocol/libvirt-error';
import { ErrorCode, ErrorDomain, ErrorLevel } from '../../protocol/error-codes';

/** virErrorNumber values the test driver uses that protocol/error-codes.ts does not name. */
export const TestErrorCode = {
  NO_NAME: 21,
  XML_DETAIL: 35,
} as const;

/** virErrorDomain: where libvirt raises each error (the test driver, or the shared domain code). */
export const From = { TEST: ErrorDomain.TEST, DOMAIN: ErrorDomain.DOMAIN } as const;

// virErrorMsg's prefix for each code: libvirt prints "<prefix>: <detail>", or the prefix alone.
const PREFIX: Readonly<Record<number, string>> = {
  [ErrorCode.INTERNAL_ERROR]: 'internal error',
  [ErrorCode.NO_SUPPORT]: 'this function is not supported by the connection driver',
  [ErrorCode.INVALID_ARG]: 'invalid argument',
  [ErrorCode.OPERATION_FAILED]: 'operation failed',
  [TestErrorCode.NO_NAME]: 'missing name information',
  [ErrorCode.XML_ERROR]: 'XML error',
  [ErrorCode.OPERATION_DENIED]: 'operation forbidden',
  [ErrorCode.SYSTEM_ERROR]: '',
  [ErrorCode.NO_DOMAIN]: 'Domain not found',
  [ErrorCode.NO_NETWORK]: 'Network not found',
  [ErrorCode.NO_STORAGE_POOL]: 'Storage pool not found',
  [ErrorCode.NO_STORAGE_VOL]: 'Storage volume not found',
  [ErrorCode.NO_DOMAIN_SNAPSHOT]: 'Domain snapshot not found',
  [ErrorCode.OPERATION_INVALID]: 'Requested operation is not valid',
};

export function libvirtError(code: number, from: number, detail?: string): LibvirtError {
  const prefix = PREFIX[code];
  let message: string;
  if (prefix === undefined || prefix === '') message = detail ?? '';
  else message = detail === undefined ? prefix : `${prefix}: ${detail}`;
  return new LibvirtError(code, from, ErrorLevel.ERROR, message);
}

export const errors = {
  noDomain: (): LibvirtError => libvirtError(ErrorCode.NO_DOMAIN, From.TEST),
  staleDomain: (uuid: string, name: string): LibvirtError =>
    libvirtError(ErrorCode.NO_DOMAIN, From.TEST, `no domain with matching uuid '${uuid}' (${name})`),
  alreadyRunning: (name: string): LibvirtError =>
    libvirtError(ErrorCode.INTERNAL_ERROR, From.TEST, `Domain '${name}' is already running`),
  notRunningInternal: (name: string): LibvirtError =>
    libvirtError(ErrorCode.INTERNAL_ERROR, From.TEST, `domain '${name}' not running`),
  notPaused: (name: string): LibvirtError => libvirtError(ErrorCode.INTERNAL_ERROR, From.TEST, `domain '${name}' not paused`),
  /** virDomainObjCheckActive, shared domain code: a different code and domain than the above. */
  notActive: (): LibvirtError => libvirtError(ErrorCode.OPERATION_INVALID, From.DOMAIN, 'domain is not running'),
  nameTaken: (name: string, uuid: string): LibvirtError =>
    libvirtError(ErrorCode.OPERATION_FAILED, From.DOMAIN, `domain '${name}' already exists with uuid ${uuid}`),
  uuidTaken: (name: string, uuid: string): LibvirtError =>
    libvirtError(ErrorCode.OPERATION_FAILED, From.DOMAIN, `domain '${name}' is already defined with uuid ${uuid}`),
  xml: (detail: string): LibvirtError => libvirtError(ErrorCode.XML_ERROR, From.DOMAIN, detail),
  xmlSyntax: (detail: string): LibvirtError => libvirtError(TestErrorCode.XML_DETAIL, From.DOMAIN, detail),
  noName: (): LibvirtError => libvirtError(TestErrorCode.NO_NAME, From.DOMAIN),
  noNetwork: (name: string): LibvirtError =>
    libvirtError(ErrorCode.NO_NETWORK, From.TEST, `no network with matching name '${name}'`),
  noSupport: (api: string): LibvirtError => libvirtError(ErrorCode.NO_SUPPORT, From.DOMAIN, api),
  readOnly: (api: string): LibvirtError =>
    libvirtError(ErrorCode.OPERATION_DENIED, From.DOMAIN, `read only access prevents ${api}`),
} as const;
