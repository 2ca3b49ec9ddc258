import type { PromptAnswer } from '../../../shared/model';
import { call } from '../../ipc/client';
import { actions } from '../../stores/store';

/** Sends the answer and drops the question; a failed send means main stopped waiting anyway. */
export async function answerPrompt(id: string, answer: PromptAnswer): Promise<void> {
  actions().removePrompt(id);
  const wire = answer.kind === 'responses' ? { kind: 'responses' as const, values: [...answer.values] } : answer;
  await call('prompts.answer', id, wire).catch(() => undefined);
}
