import { useEffect, useState } from 'react';
import { failed, type Loadable } from '../stores/loadable';

/**
 * Fetches once per key and keeps the outcome in the component: for views only one panel
 * shows (networks, pools, capabilities), which need no place in the store.
 */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loadable<T> {
  const [state, setState] = useState<{ key: string | null; value: Loadable<T> }>({ key, value: { kind: 'loading' } });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState({ key, value: { kind: 'loading' } });
    load().then(
      (value) => { if (live) setState({ key, value: { kind: 'ready', value } }); },
      (error: unknown) => { if (live) setState({ key, value: failed(error) }); },
    );
    return () => { live = false; };
    // load is a fresh closure each render; the key alone says when to fetch again.
  }, [key]);
  return state.key === key ? state.value : { kind: 'loading' };
}
