/** The command words, apart from the code that runs them, so parsing a command line loads nothing else. */
export const LIFECYCLE_ACTIONS = ['start', 'shutdown', 'destroy', 'suspend', 'resume', 'reboot'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export function isLifecycleAction(word: string): word is LifecycleAction {
  return (LIFECYCLE_ACTIONS as readonly string[]).includes(word);
}
