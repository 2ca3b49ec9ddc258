/**
 * The bridge's HTTP side: the renderer's page (with the token) and its assets, read-only,
 * to a request that names the bridge by its own host.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { hostAllowed, requestHasToken, requestUrl } from './guards';
import { SECURITY_HEADERS } from './headers';
import { resolveStatic, type StaticFile } from './static-files';

export interface HttpOptions {
  readonly rendererDir: string;
  readonly token: string;
  readonly port: number;
  readonly log: (message: string) => void;
}

function refuse(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${message}\n`);
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: StaticFile, cache: string, log: (m: string) => void): void {
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Content-Length': String(file.size), 'Cache-Control': cache });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', (error) => {
    log(`bridge: reading ${file.path} failed: ${error.message}`);
    res.destroy();
  });
  stream.pipe(res);
}

const PAGE_PATHS = new Set(['/', '/index.html']);

export function createHttpHandler(options: HttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { rendererDir, token, port, log } = options;
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req.headers.host, port)) {
      refuse(res, 403, 'This address is not the Virtdeck bridge.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, 405, 'The bridge serves files for reading only.', { Allow: 'GET, HEAD' });
      return;
    }
    const url = requestUrl(req);
    if (!url) {
      refuse(res, 400, 'Malformed request address.');
      return;
    }
    if (PAGE_PATHS.has(url.pathname)) {
      if (!requestHasToken(url, token)) {
        refuse(res, 403, 'Open the address that `npm run web` printed: it carries the access token.');
        return;
      }
      const page = await resolveStatic(rendererDir, 'index.html');
      if (!page) {
        refuse(res, 500, `The renderer is not built: ${join(rendererDir, 'index.html')} is missing.`);
        return;
      }
      sendFile(req, res, page, 'no-store', log);
      return;
    }
    // Assets are the public build output, not secrets: they need no token, which lets
    // the page load them by plain relative URLs.
    const file = await resolveStatic(rendererDir, url.pathname);
    if (!file) {
      refuse(res, 404, 'Not found.');
      return;
    }
    sendFile(req, res, file, 'no-cache', log);
  };
  return (req, res) => {
    serve(req, res).catch((error: unknown) => {
      log(`bridge: request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) refuse(res, 500, 'Internal error.');
      else res.destroy();
    });
  };
}
