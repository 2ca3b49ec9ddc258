/**
 * libvirt's keepalive from the client side: when the peer has been silent for an
 * interval we PING it; when it stays silent for interval × count it is dead. Any packet
 * received counts as life, as in libvirt's virkeepalive.c.
 */
export interface KeepaliveOptions {
  readonly intervalMs: number;
  readonly count: number;
}

export const DEFAULT_KEEPALIVE: KeepaliveOptions = { intervalMs: 5000, count: 5 };

export class Keepalive {
  private lastSeen: number;
  private pingsUnanswered = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: KeepaliveOptions,
    private readonly sendPing: () => void,
    private readonly onDead: (silentMs: number) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSeen = now();
  }

  touch(): void {
    this.lastSeen = this.now();
    this.pingsUnanswered = 0;
  }

  start(): void {
    if (this.timer !== null) return;
    this.touch();
    this.timer = setInterval(() => { this.tick(); }, this.options.intervalMs);
    // The socket keeps the process alive while it is open; the timer must not.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const silent = this.now() - this.lastSeen;
    if (silent < this.options.intervalMs) return;
    // At least one PING must have gone unanswered: a tick delayed by a busy event loop
    // must not declare a peer dead that was never asked.
    if (silent >= this.options.intervalMs * this.options.count && this.pingsUnanswered > 0) {
      this.stop();
      this.onDead(silent);
      return;
    }
    this.pingsUnanswered++;
    this.sendPing();
  }
}
