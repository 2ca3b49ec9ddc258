/** The book of calls awaiting a reply, keyed by serial. */
import type { LibvirtError } from '../protocol/libvirt-error';

export interface PendingCall {
  readonly program: number;
  readonly procedure: number;
  readonly label: string;
  /** Decodes the reply payload and resolves; throws ProtocolError on a malformed payload. */
  readonly succeed: (payload: Buffer) => void;
  readonly fail: (error: Error | LibvirtError) => void;
  timer: NodeJS.Timeout | null;
}

export class PendingCalls {
  private readonly calls = new Map<number, PendingCall>();

  add(serial: number, call: PendingCall): void {
    this.calls.set(serial, call);
  }

  get(serial: number): PendingCall | undefined {
    return this.calls.get(serial);
  }

  /** Forgets a call and its timer; returns it if it was still pending. */
  take(serial: number): PendingCall | undefined {
    const call = this.calls.get(serial);
    if (call === undefined) return undefined;
    this.calls.delete(serial);
    if (call.timer !== null) clearTimeout(call.timer);
    return call;
  }

  /** The serials still awaiting a reply. */
  serials(): number[] {
    return [...this.calls.keys()];
  }

  get size(): number {
    return this.calls.size;
  }

  /** Rejects and forgets every call. */
  failAll(error: Error): void {
    for (const serial of this.serials()) this.take(serial)?.fail(error);
  }
}
