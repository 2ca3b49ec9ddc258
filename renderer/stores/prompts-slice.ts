import type { StateCreator } from 'zustand';
import type { Prompt } from '../../shared/model';
import type { AppState } from './app-state';

export interface PromptsSlice {
  /** Questions main is waiting on, oldest first; the modal shows the first. */
  readonly prompts: readonly Prompt[];
  /** Main's whole list, after a reload or a reconnect: what it no longer waits on goes. */
  setPrompts(prompts: readonly Prompt[]): void;
  addPrompt(prompt: Prompt): void;
  removePrompt(id: string): void;
}

export const createPromptsSlice: StateCreator<AppState, [], [], PromptsSlice> = (set) => ({
  prompts: [],
  setPrompts: (prompts) => { set({ prompts: [...prompts] }); },
  addPrompt: (prompt) => {
    set((s) => ({ prompts: [...s.prompts.filter((p) => p.id !== prompt.id), prompt] }));
  },
  removePrompt: (id) => {
    set((s) => (s.prompts.some((p) => p.id === id) ? { prompts: s.prompts.filter((p) => p.id !== id) } : {}));
  },
});
