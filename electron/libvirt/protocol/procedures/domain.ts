/** Domain procedures of the REMOTE program. */
import { int, optional, struct, uhyper, uint, varArray, type Codec } from '../../xdr/codec';
import { readTypedParams, typedParam, type TypedParam, type TypedParamValues } from '../../xdr/typed-params';
import { domainRef, nonnullString, optionalString, uuid, type DomainRef } from '../types';
import { proc } from './define';

/** REMOTE_DOMAIN_LIST_MAX */
export const DOMAIN_LIST_MAX = 16384;
/** REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX */
const ALL_DOMAIN_STATS_PARAMS_MAX = 262144;

/** remote_domain_stats_record, its params also by field name. */
export interface DomainStatsRecord {
  readonly dom: DomainRef;
  readonly params: TypedParam[];
  readonly values: TypedParamValues;
}

const statsRecordWire = struct({ dom: domainRef, params: varArray(typedParam, ALL_DOMAIN_STATS_PARAMS_MAX) });
const statsRecordsWire = varArray(statsRecordWire, DOMAIN_LIST_MAX);

/**
 * The records of an all-domain stats reply, read in one pass: each record's params give
 * its list and its record by name together, and each reuses the field names of the
 * record before it (every domain's carry the same names, mostly in the same order).
 */
const statsRecords: Codec<DomainStatsRecord[]> = {
  minSize: statsRecordsWire.minSize,
  encode: (w, records) => { statsRecordsWire.encode(w, records); },
  decode: (r) => {
    const count = r.varLength(DOMAIN_LIST_MAX, 'array');
    r.need(count * statsRecordWire.minSize, `array of ${count} elements`);
    const records: DomainStatsRecord[] = [];
    let like: readonly TypedParam[] = [];
    for (let i = 0; i < count; i++) {
      const dom = domainRef.decode(r);
      const { params, values } = readTypedParams(r, ALL_DOMAIN_STATS_PARAMS_MAX, like);
      records.push({ dom, params, values });
      like = params;
    }
    return records;
  },
};

const dom = struct({ dom: domainRef });
const domFlags = struct({ dom: domainRef, flags: uint });

export const domainProcedures = {
  domainCreate: proc(9, dom),
  domainDefineXml: proc(11, struct({ xml: nonnullString }), dom),
  domainDestroy: proc(12, dom),
  domainGetXmlDesc: proc(14, domFlags, struct({ xml: nonnullString })),
  domainGetInfo: proc(
    16,
    dom,
    // unsigned char and unsigned short each take a full XDR word.
    struct({ state: uint, maxMem: uhyper, memory: uhyper, nrVirtCpu: uint, cpuTime: uhyper }),
  ),
  domainLookupByName: proc(23, struct({ name: nonnullString }), dom),
  domainLookupByUuid: proc(24, struct({ uuid }), dom),
  domainReboot: proc(27, domFlags),
  domainResume: proc(28, dom),
  domainShutdown: proc(33, dom),
  domainSuspend: proc(34, dom),
  domainUndefine: proc(35, dom),
  domainCreateWithFlags: proc(196, domFlags, dom),
  /** Opens a stream: the reply is empty, the console's bytes follow as STREAM packets. */
  domainOpenConsole: proc(201, struct({ dom: domainRef, devName: optionalString, flags: uint })),
  /** Opens a read stream of the image; the reply names its MIME type. */
  domainScreenshot: proc(211, struct({ dom: domainRef, screen: uint, flags: uint }), struct({ mime: optionalString })),
  domainGetState: proc(212, domFlags, struct({ state: int, reason: int })),
  domainUndefineFlags: proc(231, domFlags),
  domainDestroyFlags: proc(234, domFlags),
  domainShutdownFlags: proc(258, domFlags),
  connectListAllDomains: proc(
    273,
    struct({ needResults: int, flags: uint }),
    struct({ domains: varArray(domainRef, DOMAIN_LIST_MAX), ret: uint }),
  ),
  connectGetAllDomainStats: proc(
    344,
    struct({ doms: varArray(domainRef, DOMAIN_LIST_MAX), stats: uint, flags: uint }),
    struct({ retStats: statsRecords }),
  ),
  domainDefineXmlFlags: proc(350, struct({ xml: nonnullString, flags: uint }), dom),
  connectDomainEventCallbackRegisterAny: proc(
    316,
    struct({ eventID: int, dom: optional(domainRef) }),
    struct({ callbackID: int }),
  ),
  connectDomainEventCallbackDeregisterAny: proc(317, struct({ callbackID: int })),
  // The overview's autostart and persistent facts (issue 10).
  domainGetAutostart: proc(15, dom, struct({ autostart: int })),
  domainSetAutostart: proc(29, struct({ dom: domainRef, autostart: int })),
  domainIsPersistent: proc(151, dom, struct({ persistent: int })),
} as const;
