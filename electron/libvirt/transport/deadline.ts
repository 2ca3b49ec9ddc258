/**
 * A connect deadline that can be paused: time spent waiting for a person (a password, a
 * host key decision) must not count against a timeout meant for silent networks.
 */
export class Deadline {
  private timer: NodeJS.Timeout | undefined;
  private remainingMs: number;
  private startedAt = 0;
  private pauses = 0;
  private done = false;

  constructor(timeoutMs: number, private readonly onExpire: () => void) {
    this.remainingMs = timeoutMs;
    this.arm();
  }

  /** Stops the clock until the promise settles. */
  async pausedWhile<T>(work: Promise<T>): Promise<T> {
    this.pause();
    try {
      return await work;
    } finally {
      this.resume();
    }
  }

  clear(): void {
    this.done = true;
    clearTimeout(this.timer);
  }

  private pause(): void {
    if (this.pauses++ === 0 && !this.done) {
      clearTimeout(this.timer);
      this.remainingMs -= Date.now() - this.startedAt;
    }
  }

  private resume(): void {
    if (--this.pauses === 0 && !this.done) this.arm();
  }

  private arm(): void {
    this.startedAt = Date.now();
    this.timer = setTimeout(() => {
      this.done = true;
      this.onExpire();
    }, Math.max(0, this.remainingMs));
  }
}
