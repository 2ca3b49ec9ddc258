/**
 * Events of one embedded host (domains, networks, storage pools), fanned out to every
 * connection that shares it, delivered on a later turn of the event loop as libvirt delivers them.
 */
export class ObjectEventBus<E> {
  private readonly listeners = new Set<(event: E) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  subscribe(listener: (event: E) => void): () => void {
    // A wrapper per subscription, so that one function subscribed twice is called twice.
    const entry = (event: E): void => { listener(event); };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  emit(event: E): void {
    const targets = [...this.listeners];
    setImmediate(() => {
      for (const listener of targets) {
        if (!this.listeners.has(listener)) continue;
        try {
          listener(event);
        } catch (error) {
          this.onListenerError(error);
        }
      }
    });
  }
}
