/**
 * The domain state machine of libvirt's test driver: which lifecycle call is valid in which
 * state, the state and reason it leads to, the event it emits, and the exact error (code,
 * domain, message) for an invalid one. Pure: the host applies the outcome.
 */
import type { LibvirtError } from '../../protocol/libvirt-error';
import type { LifecycleAction as ConfiguredAction } from './domain-def';
import { errors } from './errors';
import { EventDetail, EventType, Reason, State } from './states';

export interface DomainStatus {
  /** virDomainState */
  readonly state: number;
  readonly reason: number;
  /** The running instance's id; -1 while inactive. */
  readonly id: number;
}

export type LifecycleCall = 'start' | 'suspend' | 'resume' | 'shutdown' | 'destroy' | 'reboot';

export interface EventCode {
  readonly event: number;
  readonly detail: number;
}

export type Transition =
  | { readonly ok: true; readonly status: DomainStatus; readonly event: EventCode | null }
  | { readonly ok: false; readonly error: LibvirtError };

export interface TransitionContext {
  readonly name: string;
  readonly onPoweroff: ConfiguredAction;
  readonly onReboot: ConfiguredAction;
  /** Hands out the next domain id (the host's counter; ids are never reused). */
  readonly nextId: () => number;
}

const stoppedBy = (reason: number, detail: number): Transition => ({
  ok: true,
  status: { state: State.SHUTOFF, reason, id: -1 },
  event: { event: EventType.STOPPED, detail },
});

/** A guest-initiated stop (shutdown, reboot) ends as the domain's <on_*> action says. */
function guestAction(status: DomainStatus, action: ConfiguredAction): Transition {
  switch (action) {
    case 'restart':
    case 'rename-restart':
      // libvirt's test driver "restarts" in place: same id, no lifecycle event.
      return { ok: true, status: { state: State.RUNNING, reason: Reason.RUNNING_BOOTED, id: status.id }, event: null };
    case 'destroy':
    case 'preserve':
      return stoppedBy(Reason.SHUTOFF_SHUTDOWN, EventDetail.STOPPED_SHUTDOWN);
  }
}

export function transition(status: DomainStatus, call: LifecycleCall, ctx: TransitionContext): Transition {
  const active = status.id >= 0;
  switch (call) {
    case 'start':
      if (status.state !== State.SHUTOFF) return { ok: false, error: errors.alreadyRunning(ctx.name) };
      return {
        ok: true,
        status: { state: State.RUNNING, reason: Reason.RUNNING_BOOTED, id: ctx.nextId() },
        event: { event: EventType.STARTED, detail: EventDetail.STARTED_BOOTED },
      };
    case 'suspend':
      if (status.state === State.SHUTOFF || status.state === State.PAUSED) {
        return { ok: false, error: errors.notRunningInternal(ctx.name) };
      }
      return {
        ok: true,
        status: { ...status, state: State.PAUSED, reason: Reason.PAUSED_USER },
        event: { event: EventType.SUSPENDED, detail: EventDetail.SUSPENDED_PAUSED },
      };
    case 'resume':
      if (status.state !== State.PAUSED) return { ok: false, error: errors.notPaused(ctx.name) };
      return {
        ok: true,
        status: { ...status, state: State.RUNNING, reason: Reason.RUNNING_UNPAUSED },
        event: { event: EventType.RESUMED, detail: EventDetail.RESUMED_UNPAUSED },
      };
    case 'shutdown':
      if (status.state === State.SHUTOFF) return { ok: false, error: errors.notRunningInternal(ctx.name) };
      return guestAction(status, ctx.onPoweroff);
    case 'destroy':
      if (!active) return { ok: false, error: errors.notActive() };
      return stoppedBy(Reason.SHUTOFF_DESTROYED, EventDetail.STOPPED_DESTROYED);
    case 'reboot':
      if (!active) return { ok: false, error: errors.notActive() };
      return guestAction(status, ctx.onReboot);
  }
}
