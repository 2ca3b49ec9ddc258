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

/** Typed parameters by field name. */
export type TypedParamValues = Record<string, TypedParamValue['value']>;

/**
 * A typed-parameter array read in one pass into its list and its record by name (last
 * one wins). `like` is a list read just before (the previous domain's, in an all-domain
 * stats reply): a field name equal to the one at the same place in it is not decoded
 * again, which is most of a thousand-record reply's strings.
 */
export function readTypedParams(r: XdrReader, max: number, like: readonly TypedParam[]): { params: TypedParam[]; values: TypedParamValues } {
  const count = r.varLength(max, 'array');
  // A lying count is caught here, before the loop allocates anything for it.
  r.need(count * typedParam.minSize, `array of ${count} elements`);
  const params: TypedParam[] = [];
  const values: TypedParamValues = {};
  for (let i = 0; i < count; i++) {
    const field = r.stringMatching(TYPED_PARAM_STRING_MAX, like[i]?.field);
    const value = readTypedParamValue(r);
    params.push({ field, value });
    values[field] = value.value;
  }
  return { params, values };
}

/** A plain record for callers who only want values by name (last one wins). */
export function typedParamsToRecord(params: readonly TypedParam[]): TypedParamValues {
  const out: TypedParamValues = {};
  for (const p of params) out[p.field] = p.value.value;
  return out;
}
