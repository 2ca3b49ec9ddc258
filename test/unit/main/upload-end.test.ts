import { describe, expect, it } from 'vitest';
import { LibvirtError } from '../../../electron/libvirt';
import { unfinished } from '../../../electron/main/ipc/upload-handlers';

const vol = { pool: 'p', name: 'big.iso', key: '/p/big.iso' };
const failure = new LibvirtError(38, 18, 2, 'cannot write: No space left on device');

describe('how an unfinished upload ends, in the window', () => {
  it('is cancelled, or failed for its own reason, when its volume was removed', () => {
    expect(unfinished(true, new Error('aborted'), vol, null)).toEqual({ kind: 'cancelled' });
    expect(unfinished(false, failure, vol, null)).toEqual({ kind: 'failed', error: { kind: 'libvirt', code: 38, message: 'cannot write: No space left on device' } });
  });

  it('says so when the half-written volume stayed, with the removal\'s reason and what to do', () => {
    const refusal = new LibvirtError(55, 18, 2, "storage volume 'big.iso' is still in use");
    expect(unfinished(true, new Error('aborted'), vol, refusal)).toEqual({
      kind: 'failed',
      error: { kind: 'libvirt', code: 55, message: "the upload was cancelled, and its half-written volume 'big.iso' could not be removed (storage volume 'big.iso' is still in use): delete it from the pool's volumes" },
    });
    expect(unfinished(false, failure, vol, refusal)).toMatchObject({
      kind: 'failed',
      error: { message: "cannot write: No space left on device, and its half-written volume 'big.iso' could not be removed (storage volume 'big.iso' is still in use): delete it from the pool's volumes" },
    });
  });
});
