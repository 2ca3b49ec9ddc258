/**
 * What noVNC's RFB takes instead of a WebSocket (it checks for these very properties):
 * a channel whose bytes main carries from the VNC server, over the connection's own
 * transport. The renderer never opens a socket of its own.
 */
import type { ConsoleEnd } from '../../../shared/model';
import { ConsoleChannel } from './console-channel';

type ChannelState = 'connecting' | 'open' | 'closing' | 'closed';

export class VncChannel {
  binaryType = 'arraybuffer';
  protocol = '';
  readyState: ChannelState = 'open';
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private readonly console: ConsoleChannel;

  constructor(consoleId: string, onEnded: (end: ConsoleEnd) => void) {
    this.console = new ConsoleChannel(consoleId, {
      data: (bytes) => {
        // A copy: the event's bytes become noVNC's own buffer.
        const data = bytes.slice().buffer;
        this.onmessage?.({ data });
        this.console.ack(bytes.length);
      },
      ended: (end) => {
        this.readyState = 'closed';
        this.onclose?.({ code: 1000, reason: end.kind, wasClean: end.kind !== 'failed' });
        onEnded(end);
      },
    });
  }

  send(data: Uint8Array | ArrayBuffer): void {
    const bytes = data instanceof Uint8Array ? data.slice() : new Uint8Array(data.slice(0));
    void this.console.write(bytes);
  }

  close(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.console.close();
    this.onclose?.({ code: 1000, reason: 'closed', wasClean: true });
  }
}
