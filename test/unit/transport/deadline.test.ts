import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadline } from '../../../electron/libvirt/transport/deadline';

describe('the connect deadline', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('expires after its time', () => {
    let expired = false;
    new Deadline(1000, () => { expired = true; });
    vi.advanceTimersByTime(999);
    expect(expired).toBe(false);
    vi.advanceTimersByTime(1);
    expect(expired).toBe(true);
  });

  it('does not count the time a person takes to answer', async () => {
    let expired = false;
    const deadline = new Deadline(1000, () => { expired = true; });
    vi.advanceTimersByTime(600);
    let answer: (value: string) => void = () => undefined;
    const asking = deadline.pausedWhile(new Promise<string>((resolve) => { answer = resolve; }));
    vi.advanceTimersByTime(60_000);
    expect(expired).toBe(false);
    answer('yes');
    await expect(asking).resolves.toBe('yes');
    vi.advanceTimersByTime(399);
    expect(expired).toBe(false);
    vi.advanceTimersByTime(1);
    expect(expired).toBe(true);
  });

  it('never fires once cleared', () => {
    let expired = false;
    const deadline = new Deadline(10, () => { expired = true; });
    deadline.clear();
    vi.advanceTimersByTime(100);
    expect(expired).toBe(false);
  });
});
