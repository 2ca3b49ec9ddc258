// The part of noVNC's RFB (core/rfb.js, plain JavaScript) that VncConsole uses.
declare module '@novnc/novnc' {
  export interface RfbOptions {
    readonly shared?: boolean;
    readonly credentials?: { readonly password?: string };
  }
  export default class RFB extends EventTarget {
    constructor(target: HTMLElement, channel: object, options?: RfbOptions);
    scaleViewport: boolean;
    resizeSession: boolean;
    background: string;
    disconnect(): void;
    sendCtrlAltDel(): void;
    clipboardPasteFrom(text: string): void;
    focus(): void;
  }
}
