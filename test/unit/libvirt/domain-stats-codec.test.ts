import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { procedures } from '../../../electron/libvirt/protocol/procedures';
import { decode, encode } from '../../../electron/libvirt/xdr/codec';
import { typedParamsToRecord, type TypedParam } from '../../../electron/libvirt/xdr/typed-params';

/**
 * The all-domain stats reply is read in one pass, each record reusing the field names of
 * the record before it where the bytes are the same: records whose names differ, in
 * length, in one character or only beyond ASCII, must still read as they were written.
 */
const reply = procedures.connectGetAllDomainStats.ret;

function record(name: string, params: TypedParam[]): { dom: { name: string; uuid: string; id: number }; params: TypedParam[]; values: ReturnType<typeof typedParamsToRecord> } {
  return { dom: { name, uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', id: -1 }, params, values: typedParamsToRecord(params) };
}

const int = (field: string, value: number): TypedParam => ({ field, value: { kind: 'int', value } });

describe('the all-domain stats reply', () => {
  it('reads field names that differ from the previous record\'s at the same place', () => {
    const records = [
      record('a', [int('state.state', 5), int('vcpu.current', 1)]),
      record('b', [int('state.state', 1), int('vcpu.maximum', 2), int('vcpu.current', 2)]),
      record('c', [int('state.statf', 3)]),
    ];
    expect(decode(reply, encode(reply, { retStats: records })).retStats).toEqual(records);
  });

  it('does not take a name beyond ASCII for one whose characters equal its bytes', () => {
    // 'Ã\u0083' is two characters whose codes are the two UTF-8 bytes of 'Ã'.
    const records = [record('a', [int('\u00c3\u0083', 1)]), record('b', [int('\u00c3', 2)])];
    expect(decode(reply, encode(reply, { retStats: records })).retStats).toEqual(records);
  });

  it('gives each record its params by name, the last of a repeated name winning', () => {
    const [decoded] = decode(reply, encode(reply, { retStats: [record('a', [int('x', 1), int('x', 2)])] })).retStats;
    expect(decoded?.values).toEqual({ x: 2 });
  });

  it('reads any sequence of records as written', () => {
    const field = fc.constantFrom('state.state', 'state.reason', 'vcpu.current', 'vcpu.curreNt', 'balloon.current', 'é', 'Ã\u0083', 'Ã', '');
    const params = fc.array(fc.tuple(field, fc.integer({ min: -5, max: 5 })).map(([f, v]) => int(f, v)), { maxLength: 6 });
    fc.assert(
      fc.property(fc.array(params, { maxLength: 8 }), (lists) => {
        const records = lists.map((p, i) => record(`d${i}`, p));
        expect(decode(reply, encode(reply, { retStats: records })).retStats).toEqual(records);
      }),
    );
  });
});
