/**
 * The virErrorNumber values a UI wants to tell apart (include/libvirt/virterror.h). The
 * enum is append-only in libvirt, so these numbers are stable across versions.
 */
export const ErrorCode = {
  INTERNAL_ERROR: 1,
  NO_MEMORY: 2,
  NO_SUPPORT: 3,
  UNKNOWN_HOST: 4,
  NO_CONNECT: 5,
  INVALID_CONN: 6,
  INVALID_DOMAIN: 7,
  INVALID_ARG: 8,
  OPERATION_FAILED: 9,
  XML_ERROR: 27,
  DOM_EXIST: 28,
  OPERATION_DENIED: 29,
  SYSTEM_ERROR: 38,
  RPC: 39,
  NO_DOMAIN: 42,
  NO_NETWORK: 43,
  AUTH_FAILED: 45,
  NO_STORAGE_POOL: 49,
  NO_STORAGE_VOL: 50,
  OPERATION_INVALID: 55,
  CONFIG_UNSUPPORTED: 67,
  NO_DOMAIN_SNAPSHOT: 72,
  OPERATION_TIMEOUT: 68,
  ARGUMENT_UNSUPPORTED: 74,
  OPERATION_ABORTED: 78,
  AUTH_CANCELLED: 79,
  OPERATION_UNSUPPORTED: 84,
  AGENT_UNRESPONSIVE: 86,
  RESOURCE_BUSY: 87,
  ACCESS_DENIED: 88,
  AUTH_UNAVAILABLE: 94,
  MULTIPLE_DOMAINS: 110,
} as const;
export type ErrorCodeName = keyof typeof ErrorCode;

const names = new Map<number, ErrorCodeName>(
  Object.entries(ErrorCode).map(([name, code]) => [code, name as ErrorCodeName]),
);

/** The name for a code, or undefined for codes we do not single out. */
export function errorCodeName(code: number): ErrorCodeName | undefined {
  return names.get(code);
}

/** virErrorLevel. */
export const ErrorLevel = { NONE: 0, WARNING: 1, ERROR: 2 } as const;

/** The virErrorDomain values worth naming in messages (where an error came from). */
export const ErrorDomain = {
  NONE: 0,
  QEMU: 10,
  TEST: 12,
  REMOTE: 13,
  STORAGE: 18,
  NETWORK: 19,
  DOMAIN: 20,
  RPC: 7,
} as const;
