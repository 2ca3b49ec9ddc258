import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../../electron/bridge/headers';
import { rawGet, SECRET, startFixture, type Fixture } from './bridge-fixture';

let fixture: Fixture;
let port: number;
beforeAll(async () => {
  fixture = await startFixture();
  port = fixture.bridge.port;
});
afterAll(async () => {
  await fixture.dispose();
});

describe('the bridge over HTTP', () => {
  it('listens on 127.0.0.1 and names the page with its token', () => {
    expect(fixture.bridge.url).toBe(`http://127.0.0.1:${String(port)}/?token=${fixture.bridge.token}`);
    expect(fixture.bridge.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('serves the page to the holder of the token, with the strict CSP and no caching', async () => {
    const res = await rawGet(port, `/?token=${fixture.bridge.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('fake renderer');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it("sends the same CSP as renderer/index.html's meta tag", async () => {
    const html = await readFile(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(RENDERER_CSP);
  });

  it('answers the page at localhost too', async () => {
    const res = await rawGet(port, `/index.html?token=${fixture.bridge.token}`, { host: `localhost:${String(port)}` });
    expect(res.status).toBe(200);
  });

  it.each([
    ['no token', '/'],
    ['an empty token', '/?token='],
    ['a wrong token', '/?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a token prefix', 'PREFIX'],
    ['index.html without a token', '/index.html'],
  ])('refuses the page with %s (403)', async (_name, path) => {
    const res = await rawGet(port, path === 'PREFIX' ? `/?token=${fixture.bridge.token.slice(0, 20)}` : path);
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('fake renderer');
  });

  it('serves assets with their content types', async () => {
    const js = await rawGet(port, '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log("app");');
    const css = await rawGet(port, '/assets/style.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await rawGet(port, '/assets/app.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('lists no directory and serves no dot-files or unknown types', async () => {
    for (const path of ['/assets', '/assets/', '/assets/.hidden.js', '/assets/notes.unknownext', '/missing.js']) {
      expect((await rawGet(port, path)).status, path).toBe(404);
    }
  });

  it('refuses to write', async () => {
    const res = await rawGet(port, '/assets/app.js', {}, 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/package.json',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/assets/..%252f..%252fsecret.txt',
    '//../secret.txt',
    '/%00/../secret.txt',
    '/assets/app.js%00.txt',
    `/${'..%2f'.repeat(12)}etc/passwd`,
    '/C:%5cWindows%5cwin.ini',
    '/%',
  ])('never leaves the renderer directory: %s', async (path) => {
    const res = await rawGet(port, path);
    expect([400, 403, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('root:');
  });

  it.each([
    ['a foreign name (DNS rebinding)', 'evil.example:PORT'],
    ['a foreign name without port', 'evil.example'],
    ['the right name on another port', '127.0.0.1:1'],
    ['0.0.0.0', '0.0.0.0:PORT'],
    ['a lookalike', '127.0.0.1.evil.example:PORT'],
  ])('refuses a request whose Host is %s (403)', async (_name, host) => {
    const headers = { host: host.replace('PORT', String(port)) };
    const page = await rawGet(port, `/?token=${fixture.bridge.token}`, headers);
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('fake renderer');
    expect((await rawGet(port, '/assets/app.js', headers)).status).toBe(403);
  });
});
