import type { BridgeSocket, SocketFactory, SocketHandlers } from './bridge-client';

/** The browser's own WebSocket behind the bridge client's small socket interface. */
export const browserSocket: SocketFactory = (url: string, handlers: SocketHandlers): BridgeSocket => {
  const ws = new WebSocket(url);
  ws.onopen = () => { handlers.onOpen(); };
  ws.onmessage = (event: MessageEvent<unknown>) => {
    if (typeof event.data === 'string') handlers.onMessage(event.data);
  };
  // A failed open fires error then close; close alone drives the reconnect.
  ws.onerror = () => undefined;
  ws.onclose = () => { handlers.onClose(); };
  return {
    send: (text) => { ws.send(text); },
    close: () => { ws.close(); },
  };
};

/** The bridge's socket address for a page it served: same host, token from the page's URL. */
export function bridgeSocketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string | undefined {
  const token = new URLSearchParams(location.search).get('token');
  if (!token) return undefined;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}
