import { describe, expect, it } from 'vitest';
import { transition, type DomainStatus, type LifecycleCall } from '../../../electron/libvirt/drivers/test/lifecycle';
import { State } from '../../../electron/libvirt/drivers/test/states';

const running: DomainStatus = { state: State.RUNNING, reason: 1, id: 3 };
const paused: DomainStatus = { state: State.PAUSED, reason: 1, id: 3 };
const shutoff: DomainStatus = { state: State.SHUTOFF, reason: 0, id: -1 };

function ctx(overrides: Partial<{ onPoweroff: 'destroy' | 'restart'; onReboot: 'destroy' | 'restart' }> = {}) {
  let next = 7;
  return { name: 'vm1', onPoweroff: 'destroy' as const, onReboot: 'restart' as const, nextId: () => next++, ...overrides };
}

describe('the test driver lifecycle state machine', () => {
  it.each<[string, DomainStatus, LifecycleCall, number, number, string]>([
    ['starting a running domain', running, 'start', 1, 12, "internal error: Domain 'vm1' is already running"],
    ['starting a paused domain', paused, 'start', 1, 12, "internal error: Domain 'vm1' is already running"],
    ['suspending a stopped domain', shutoff, 'suspend', 1, 12, "internal error: domain 'vm1' not running"],
    ['suspending a paused domain', paused, 'suspend', 1, 12, "internal error: domain 'vm1' not running"],
    ['resuming a running domain', running, 'resume', 1, 12, "internal error: domain 'vm1' not paused"],
    ['resuming a stopped domain', shutoff, 'resume', 1, 12, "internal error: domain 'vm1' not paused"],
    ['shutting down a stopped domain', shutoff, 'shutdown', 1, 12, "internal error: domain 'vm1' not running"],
    ['destroying a stopped domain', shutoff, 'destroy', 55, 20, 'Requested operation is not valid: domain is not running'],
    ['rebooting a stopped domain', shutoff, 'reboot', 55, 20, 'Requested operation is not valid: domain is not running'],
  ])('refuses %s with libvirt code, domain and message', (_label, status, call, code, domain, message) => {
    const outcome = transition(status, call, ctx());
    if (outcome.ok) throw new Error('expected a refusal');
    expect(outcome.error).toMatchObject({ code, domain, level: 2, message });
  });

  it('starts a stopped domain with the next id, booted, and a started event', () => {
    expect(transition(shutoff, 'start', ctx())).toEqual({
      ok: true,
      status: { state: State.RUNNING, reason: 1, id: 7 },
      event: { event: 2, detail: 0 },
    });
  });

  it('suspends to paused (user) and resumes to running (unpaused), keeping the id', () => {
    expect(transition(running, 'suspend', ctx())).toEqual({ ok: true, status: { state: State.PAUSED, reason: 1, id: 3 }, event: { event: 3, detail: 0 } });
    expect(transition(paused, 'resume', ctx())).toEqual({ ok: true, status: { state: State.RUNNING, reason: 5, id: 3 }, event: { event: 4, detail: 0 } });
  });

  it('shuts down (also from paused) to shutoff (shutdown) with a stopped event', () => {
    for (const from of [running, paused]) {
      expect(transition(from, 'shutdown', ctx())).toEqual({ ok: true, status: { state: State.SHUTOFF, reason: 1, id: -1 }, event: { event: 5, detail: 0 } });
    }
  });

  it('destroys to shutoff (destroyed) with a stopped/destroyed event', () => {
    expect(transition(paused, 'destroy', ctx())).toEqual({ ok: true, status: { state: State.SHUTOFF, reason: 2, id: -1 }, event: { event: 5, detail: 1 } });
  });

  it('reboots in place with no event, even from paused, when on_reboot is restart', () => {
    expect(transition(paused, 'reboot', ctx())).toEqual({ ok: true, status: { state: State.RUNNING, reason: 1, id: 3 }, event: null });
  });

  it('follows on_reboot=destroy and on_poweroff=restart', () => {
    expect(transition(running, 'reboot', ctx({ onReboot: 'destroy' }))).toMatchObject({ ok: true, status: { state: State.SHUTOFF }, event: { event: 5, detail: 0 } });
    expect(transition(running, 'shutdown', ctx({ onPoweroff: 'restart' }))).toMatchObject({ ok: true, status: { state: State.RUNNING, id: 3 }, event: null });
  });
});
