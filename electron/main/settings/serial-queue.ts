/**
 * Runs tasks one after another in call order, so two writers never interleave and the
 * last one called is the last one done. A failed task does not stall the ones behind it.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
