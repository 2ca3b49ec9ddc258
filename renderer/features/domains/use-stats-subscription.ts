import { useEffect } from 'react';
import { call } from '../../ipc/client';

/**
 * Main samples statistics only while someone looks, and counts one watcher per page (a
 * window or a bridge socket). Views of this page that watch the same connection share
 * that one subscription here, counted, and it is asked again after a reconnect, since main
 * released everything the old socket owned.
 */
const watched = new Map<string, number>();

function subscribe(connectionId: string): void {
  // A failed subscription just leaves the CPU column empty.
  call('stats.subscribe', connectionId).catch(() => undefined);
}

export function watchStats(connectionId: string): () => void {
  const count = watched.get(connectionId) ?? 0;
  watched.set(connectionId, count + 1);
  if (count === 0) subscribe(connectionId);
  return () => {
    const left = (watched.get(connectionId) ?? 1) - 1;
    if (left > 0) {
      watched.set(connectionId, left);
      return;
    }
    watched.delete(connectionId);
    call('stats.unsubscribe', connectionId).catch(() => undefined);
  };
}

/** After the bridge came back: main holds no watcher of ours any more. */
export function resubscribeStats(): void {
  for (const connectionId of watched.keys()) subscribe(connectionId);
}

/** Subscribe while the table is shown. */
export function useStatsSubscription(connectionId: string): void {
  useEffect(() => watchStats(connectionId), [connectionId]);
}
