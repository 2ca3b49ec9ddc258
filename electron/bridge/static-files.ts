/**
 * Maps a request path to a file of the built renderer, or to nothing: no directory
 * listing, no dot-files, no way out of the renderer directory however the path is spelled.
 */
import { stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  readonly path: string;
  readonly contentType: string;
  readonly size: number;
}

/** Segments are checked after decoding, so %2e%2e, %2f and %5c are caught as well. */
function safeSegments(pathname: string): string[] | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s.startsWith('.') || s.includes(':'))) return undefined;
  return segments;
}

export async function resolveStatic(rootDir: string, pathname: string): Promise<StaticFile | undefined> {
  const segments = safeSegments(pathname);
  if (!segments || segments.length === 0) return undefined;
  const root = resolve(rootDir);
  const path = resolve(root, ...segments);
  const inside = relative(root, path);
  if (inside.length === 0 || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return undefined;
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  if (contentType === undefined) return undefined;
  try {
    const info = await stat(path);
    return info.isFile() ? { path, contentType, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}
