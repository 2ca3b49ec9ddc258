/**
 * libvirt's virTypedParameter on the wire: a field name and a value union whose
 * discriminants are libvirt's VIR_TYPED_PARAM_* numbers.
 */
import { ProtocolError } from '../errors';
import { arm, double, hyper, int, mapped, struct, string, uhyper, uint, union, type Codec, type Decoded } from './codec';
import type { XdrReader } from './reader';

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

const typedParamStruct = struct({
  field: string(TYPED_PARAM_STRING_MAX),
  value: typedParamValue,
});
export type TypedParam = Decoded<typeof typedParamStruct>;

/**
 * Read without the generic struct and union walk: an all-domain stats reply carries a
 * thousand or more of these, and this is most of its decoding.
 */
function readTypedParamValue(r: XdrReader): TypedParamValue {
  const discriminant = r.int();
  switch (discriminant) {
    case 1: return { kind: 'int', value: r.int() };
    case 2: return { kind: 'uint', value: r.uint() };
    case 3: return { kind: 'llong', value: r.hyper() };
    case 4: return { kind: 'ullong', value: r.uhyper() };
    case 5: return { kind: 'double', value: r.double() };
    case 6: return { kind: 'boolean', value: r.int() !== 0 };
    case 7: return { kind: 'string', value: r.string(TYPED_PARAM_STRING_MAX) };
    default: throw new ProtocolError(`unknown union discriminant ${discriminant}`);
  }
}

export const typedParam: Codec<TypedParam> = {
  minSize: typedParamStruct.minSize,
  encode: (w, param) => { typedParamStruct.encode(w, param); },
  decode: (r) => {
    const field = r.string(TYPED_PARAM_STRING_MAX);
    return { field, value: readTypedParamValue(r) };
  },
};

/** A plain record for callers who only want values by name (last one wins). */
export function typedParamsToRecord(params: readonly TypedParam[]): Record<string, TypedParamValue['value']> {
  const out: Record<string, TypedParamValue['value']> = {};
  for (const p of params) out[p.field] = p.value.value;
  return out;
}
