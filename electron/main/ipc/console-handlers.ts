/**
 * The console and screenshot channels. Every console is opened for its owner (a window's
 * page or a bridge socket), recorded on its connection, and closed when that owner goes.
 */
import type { Duplex } from 'node:stream';
import { LibvirtError, type ByteStream, type Connection, type DomainRef } from '../../libvirt';
import { AppFailure } from '../app-failure';
import type { ConnectionManager } from '../connections/manager';
import { domainConsoles } from '../connections/domain-consoles';
import type { ConsolePipe } from '../connections/console-session';
import type { PromptBroker } from '../connections/prompt-broker';
import { openVncForPage } from '../vnc/vnc-login';
import type { Handlers } from './dispatch';

/** How long a socket-like pipe may take to say goodbye before it is cut. */
const PIPE_CLOSE_MS = 2000;

type ConsoleChannels =
  | 'domains.screenshot'
  | 'consoles.devices'
  | 'consoles.openSerial'
  | 'consoles.openVnc'
  | 'consoles.write'
  | 'consoles.ack'
  | 'consoles.close';

function streamPipe(stream: ByteStream): ConsolePipe {
  return { stream, finish: () => stream.finish() };
}

function socketPipe(stream: Duplex): ConsolePipe {
  return {
    stream,
    finish: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => { stream.destroy(); resolve(); }, PIPE_CLOSE_MS);
        stream.once('close', () => { clearTimeout(timer); resolve(); });
        stream.end();
      }),
  };
}

/** libvirt says this when another client holds the console (virChrdevOpen). */
function isBusy(error: LibvirtError): boolean {
  return /active console session exists/i.test(error.message);
}

export function createConsoleHandlers(
  manager: ConnectionManager,
  domainByUuid: (conn: Connection, uuid: string) => Promise<DomainRef>,
  prompts: PromptBroker,
): Pick<Handlers, ConsoleChannels> {
  const conn = (id: string): Connection => manager.get(id).requireOpen();
  const liveXml = async (c: Connection, dom: DomainRef): Promise<string> => c.domainXml(dom);
  return {
    'domains.screenshot': async (id, uuid) => {
      const c = conn(id);
      const shot = await c.screenshot(await domainByUuid(c, uuid));
      return { mime: shot.mime, data: shot.data.toString('base64') };
    },
    'consoles.devices': async (id, uuid) => {
      const c = conn(id);
      return domainConsoles(await liveXml(c, await domainByUuid(c, uuid)));
    },
    'consoles.openSerial': async (id, uuid, request, owner) => {
      const live = manager.get(id);
      const c = live.requireOpen();
      const dom = await domainByUuid(c, uuid);
      let stream: ByteStream;
      try {
        stream = await c.openConsole(dom, { ...(request.devName === undefined ? {} : { devName: request.devName }), force: request.force });
      } catch (error) {
        if (error instanceof LibvirtError && isBusy(error)) {
          throw new AppFailure({
            kind: 'libvirt',
            code: error.code,
            message: `someone else is using ${dom.name}'s console; take it over to use it here`,
            detail: 'console-busy',
          });
        }
        throw error;
      }
      return { consoleId: live.consoles.add('serial', owner, streamPipe(stream)).id };
    },
    'consoles.openVnc': async (id, uuid, owner) => {
      const live = manager.get(id);
      const c = live.requireOpen();
      const dom = await domainByUuid(c, uuid);
      const { vnc } = domainConsoles(await liveXml(c, dom));
      if (vnc === null) throw new AppFailure('unsupported', 'this domain has no VNC screen while it is not running, or none at all');
      // Main does the server's security; a password goes through the prompt port, never to the page.
      const pipe = await openVncForPage({
        domain: dom.name,
        openPipe: () => c.openHostPipe(vnc),
        askPassword: async (attempt, signal) => {
          const answer = await prompts.ask(id, { kind: 'vnc-password', domain: dom.name, attempt }, signal);
          return answer?.kind === 'secret' ? answer.value : null;
        },
      });
      return { consoleId: live.consoles.add('vnc', owner, socketPipe(pipe)).id };
    },
    'consoles.write': async (consoleId, data) => {
      await manager.findConsole(consoleId).session.write(Buffer.from(data, 'base64'));
      return null;
    },
    'consoles.ack': (consoleId, bytes) => {
      manager.findConsole(consoleId).session.ack(bytes);
      return Promise.resolve(null);
    },
    'consoles.close': (consoleId) => {
      // Closing what is already closed is not an error: the console may have ended first.
      manager.closeConsole(consoleId);
      return Promise.resolve(null);
    },
  };
}
