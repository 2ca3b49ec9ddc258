/** virDomainState and the reasons the test driver gives for each state (libvirt's numbers). */
export const State = {
  NOSTATE: 0,
  RUNNING: 1,
  BLOCKED: 2,
  PAUSED: 3,
  SHUTDOWN: 4,
  SHUTOFF: 5,
  CRASHED: 6,
  PMSUSPENDED: 7,
} as const;

export const Reason = {
  UNKNOWN: 0,
  RUNNING_BOOTED: 1,
  RUNNING_UNPAUSED: 5,
  PAUSED_USER: 1,
  SHUTOFF_SHUTDOWN: 1,
  SHUTOFF_DESTROYED: 2,
} as const;

/** virDomainEventType and the detail numbers the test driver emits. */
export const EventType = {
  DEFINED: 0,
  UNDEFINED: 1,
  STARTED: 2,
  SUSPENDED: 3,
  RESUMED: 4,
  STOPPED: 5,
} as const;

export const EventDetail = {
  DEFINED_ADDED: 0,
  DEFINED_UPDATED: 1,
  UNDEFINED_REMOVED: 0,
  STARTED_BOOTED: 0,
  SUSPENDED_PAUSED: 0,
  RESUMED_UNPAUSED: 0,
  STOPPED_SHUTDOWN: 0,
  STOPPED_DESTROYED: 1,
} as const;
