/**
 * Questions for the person at the window (host keys, passwords, passphrases): each goes
 * out as an event with an id and comes back through prompts.answer. No answer before the
 * deadline counts as "refused", so a transport never waits forever on an empty chair.
 */
import { randomUUID } from 'node:crypto';
import type { Prompt, PromptAnswer, PromptRequest } from '../../../shared/model';
import { AppFailure } from '../app-failure';
import type { EventSink } from '../ipc/event-sink';

export const DEFAULT_PROMPT_TIMEOUT_MS = 120_000;

interface Waiting {
  readonly prompt: Prompt;
  readonly resolve: (answer: PromptAnswer | null) => void;
  readonly timer: NodeJS.Timeout;
}

export class PromptBroker {
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly sink: EventSink,
    private readonly timeoutMs = DEFAULT_PROMPT_TIMEOUT_MS,
  ) {}

  /**
   * Resolves with the answer, or null when refused, timed out or cancelled; `signal` takes
   * the question back when what asked it went away (a console closed meanwhile).
   */
  ask(connectionId: string, request: PromptRequest, signal?: AbortSignal): Promise<PromptAnswer | null> {
    const id = randomUUID().replace(/-/g, '');
    if (signal?.aborted === true) return Promise.resolve(null);
    return new Promise((resolve) => {
      const withdraw = (): void => { this.finish(id, null); };
      signal?.addEventListener('abort', withdraw, { once: true });
      const timer = setTimeout(withdraw, this.timeoutMs);
      const prompt: Prompt = { id, connectionId, request, expiresAt: Date.now() + this.timeoutMs };
      const settle = (answer: PromptAnswer | null): void => {
        signal?.removeEventListener('abort', withdraw);
        resolve(answer);
      };
      this.waiting.set(id, { prompt, resolve: settle, timer });
      this.sink.emit('prompt.request', prompt);
    });
  }

  answer(id: string, answer: PromptAnswer): void {
    if (!this.waiting.has(id)) throw new AppFailure('not-found', 'that question is no longer waiting for an answer (it timed out or its connection closed)');
    this.finish(id, answer);
  }

  /**
   * Every question still waiting, oldest first. A question belongs to the connection that
   * asked it, not to a page: a reloaded window (or a reconnected bridge) asks this and
   * shows them again, and any window may answer.
   */
  pending(): Prompt[] {
    return [...this.waiting.values()].map((waiting) => waiting.prompt);
  }

  /** Refuses every question of a connection that is going away. */
  cancelFor(connectionId: string): void {
    for (const [id, waiting] of this.waiting) if (waiting.prompt.connectionId === connectionId) this.finish(id, null);
  }

  dispose(): void {
    for (const id of [...this.waiting.keys()]) this.finish(id, null);
  }

  private finish(id: string, answer: PromptAnswer | null): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    clearTimeout(waiting.timer);
    if (answer === null) this.sink.emit('prompt.cancel', { id });
    waiting.resolve(answer);
  }
}
