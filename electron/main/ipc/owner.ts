import type { EventSink } from './event-sink';

/**
 * Who started a live resource (a stats watcher, a subscription): a window's page or one
 * bridge socket. Resources register a release with their owner, and all of them run when
 * the owner goes (a tab closed, a page reloaded, a socket dropped), so nothing a gone page
 * asked for keeps running.
 */
export class Owner {
  private readonly releases = new Set<() => void>();
  private gone = false;

  /**
   * `events` reaches this owner's page alone: what only it may see (a console's bytes)
   * goes there, not to every page. Main's own callers have no page and pass none.
   */
  constructor(readonly label: string, readonly events?: EventSink) {}

  get isGone(): boolean {
    return this.gone;
  }

  /**
   * Runs `release` when the owner goes (at once if it is gone already). Returns the way to
   * cancel that, for a resource that ends first.
   */
  hold(release: () => void): () => void {
    if (this.gone) {
      release();
      return () => undefined;
    }
    this.releases.add(release);
    return () => { this.releases.delete(release); };
  }

  /** The owner is gone: every resource it held is released, once. */
  release(): void {
    if (this.gone) return;
    this.gone = true;
    const releases = [...this.releases];
    this.releases.clear();
    for (const release of releases) release();
  }
}
