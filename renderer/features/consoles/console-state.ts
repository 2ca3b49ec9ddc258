/** Where a console view is in its life; every view switches over all of it. */
import type { ConsoleEnd } from '../../../shared/model';

export type ConsoleViewState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open'; readonly consoleId: string }
  /** Someone else holds the console: ask before taking it over. */
  | { readonly kind: 'busy'; readonly message: string }
  | { readonly kind: 'ended'; readonly end: ConsoleEnd }
  | { readonly kind: 'failed'; readonly message: string };

export function describeEnd(end: ConsoleEnd): string {
  switch (end.kind) {
    case 'ended':
      return 'The console ended: the domain stopped, or another client took it over.';
    case 'failed':
      return `The console failed: ${end.message}`;
    case 'closed':
      return 'The console was closed.';
  }
}
