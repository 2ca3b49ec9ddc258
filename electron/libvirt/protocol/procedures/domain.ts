/** Domain procedures of the REMOTE program. */
import { int, optional, struct, uhyper, uint, varArray } from '../../xdr/codec';
import { typedParam } from '../../xdr/typed-params';
import { domainRef, nonnullString, optionalString, uuid } from '../types';
import { proc } from './define';

/** REMOTE_DOMAIN_LIST_MAX */
export const DOMAIN_LIST_MAX = 16384;
/** REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX */
const ALL_DOMAIN_STATS_PARAMS_MAX = 262144;

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
    struct({
      retStats: varArray(
        struct({ dom: domainRef, params: varArray(typedParam, ALL_DOMAIN_STATS_PARAMS_MAX) }),
        DOMAIN_LIST_MAX,
      ),
    }),
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
