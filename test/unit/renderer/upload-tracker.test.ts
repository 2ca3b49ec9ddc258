import { describe, expect, it } from 'vitest';
import { hasEnded, UploadTracker } from '../../../renderer/features/storage/upload-tracker';

describe('following one upload by its id', () => {
  it('applies the end of an upload that finished before main\'s answer named it', () => {
    const tracker = new UploadTracker();
    tracker.begin();
    expect(tracker.heard('u1', { kind: 'progress', sentBytes: 5, totalBytes: 5 })).toBeNull();
    expect(tracker.heard('u1', { kind: 'done', totalBytes: 5 })).toBeNull();
    const shown = tracker.started('u1');
    expect(shown).toEqual({ kind: 'known', uploadId: 'u1', progress: { kind: 'done', totalBytes: 5 } });
    expect(hasEnded(shown)).toBe(true);
  });

  it('starts at nothing sent when no event came first, then follows only its own id', () => {
    const tracker = new UploadTracker();
    tracker.begin();
    tracker.heard('other', { kind: 'cancelled' });
    const shown = tracker.started('u2');
    expect(shown).toEqual({ kind: 'known', uploadId: 'u2', progress: { kind: 'progress', sentBytes: 0, totalBytes: 0 } });
    expect(hasEnded(shown)).toBe(false);
    expect(tracker.heard('other', { kind: 'done', totalBytes: 1 })).toBeNull();
    expect(tracker.heard('u2', { kind: 'progress', sentBytes: 1, totalBytes: 2 })).toEqual({ kind: 'known', uploadId: 'u2', progress: { kind: 'progress', sentBytes: 1, totalBytes: 2 } });
  });

  it('hears nothing before a start, or after one main refused', () => {
    const tracker = new UploadTracker();
    expect(tracker.heard('u3', { kind: 'done', totalBytes: 1 })).toBeNull();
    tracker.begin();
    tracker.heard('u3', { kind: 'done', totalBytes: 1 });
    tracker.abandon();
    expect(tracker.current).toEqual({ kind: 'none' });
    expect(tracker.heard('u3', { kind: 'done', totalBytes: 1 })).toBeNull();
  });
});
