/**
 * libvirt's virTypedParameter on the wire: a field name and a value union whose
 * discriminants are libvirt's VIR_TYPED_PARAM_* numbers.
 */
import { arm, double, hyper, int, mapped, struct, string, uhyper, uint, union, type Decoded } from './codec';

/** The wire carries `int b`; C treats any non-zero as true, so we do too. */
const looseBool = mapped(int, (v) => v !== 0, (b: boolean) => (b ? 1 : 0));

/** VIR_TYPED_PARAM_FIELD_LENGTH is 80 in C, but the wire carries a nonnull string. */
export const TYPED_PARAM_STRING_MAX = 4194304;

export const typedParamValue = union({
  int: arm(1, int),
  uint: arm(2, uint),
  llong: arm(3, hyper),
  ullong: arm(4, uhyper),
  double: arm(5, double),
  boolean: arm(6, looseBool),
  string: arm(7, string(TYPED_PARAM_STRING_MAX)),
});
export type TypedParamValue = Decoded<typeof typedParamValue>;

export const typedParam = struct({
  field: string(TYPED_PARAM_STRING_MAX),
  value: typedParamValue,
});
export type TypedParam = Decoded<typeof typedParam>;

/** A plain record for callers who only want values by name (last one wins). */
export function typedParamsToRecord(params: readonly TypedParam[]): Record<string, TypedParamValue['value']> {
  const out: Record<string, TypedParamValue['value']> = {};
  for (const p of params) out[p.field] = p.value.value;
  return out;
}
