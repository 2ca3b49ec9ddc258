/** Something fetched from main: not yet here, here, or refused with a reason in words. */
export type Loadable<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly value: T }
  | { readonly kind: 'failed'; readonly message: string };

export const LOADING: Loadable<never> = { kind: 'loading' };

export function ready<T>(value: T): Loadable<T> {
  return { kind: 'ready', value };
}

export function failed(message: string): Loadable<never> {
  return { kind: 'failed', message };
}
