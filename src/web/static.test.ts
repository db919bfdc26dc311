import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createStaticHandler } from './static.ts';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw request: the path goes on the wire exactly as written (fetch would normalise `..`). */
function request(port: number, target: string, method = 'GET', headers: http.OutgoingHttpHeaders = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('createStaticHandler', () => {
  let base: string;
  let root: string;
  let server: http.Server;
  let port: number;

  before(async () => {
    base = mkdtempSync(path.join(tmpdir(), 'courtside-static-'));
    root = path.join(base, 'dist');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    mkdirSync(path.join(root, 'nested'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Courtside</title>');
    writeFileSync(path.join(root, 'assets', 'index-3f9a1c.js'), 'console.log("courtside")');
    writeFileSync(path.join(root, 'assets', 'index-77b0de.css'), 'body{}');
    writeFileSync(path.join(root, 'favicon.svg'), '<svg/>');
    writeFileSync(path.join(root, 'data.bin'), 'x');
    writeFileSync(path.join(root, '.env'), 'SECRET=1');
    writeFileSync(path.join(base, 'secret.txt'), 'outside the root');
    symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'escape.txt'));
    symlinkSync(base, path.join(root, 'up'));
    symlinkSync(path.join(root, 'favicon.svg'), path.join(root, 'icon.svg'));
    const handler = createStaticHandler({ root });
    server = http.createServer((req, res) => {
      if (!handler(req, res)) res.writeHead(405).end('not static');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(base, { recursive: true, force: true });
  });

  test('serves index.html at / with no-cache and the page policy', async () => {
    const r = await request(port, '/');
    assert.equal(r.status, 200);
    assert.equal(r.body, '<!doctype html><title>Courtside</title>');
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.match(String(r.headers['content-security-policy']), /connect-src 'self'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal((await request(port, '/index.html?v=2')).body, r.body);
  });

  test('hashed assets are immutable for a year, with their content types', async () => {
    const js = await request(port, '/assets/index-3f9a1c.js');
    assert.equal(js.status, 200);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(js.headers['content-length'], String('console.log("courtside")'.length));
    const css = await request(port, '/assets/index-77b0de.css');
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    const svg = await request(port, '/favicon.svg');
    assert.equal(svg.headers['content-type'], 'image/svg+xml');
    assert.equal(svg.headers['cache-control'], 'no-cache');
    assert.equal((await request(port, '/data.bin')).headers['content-type'], 'application/octet-stream');
  });

  test('HEAD has the headers and no body', async () => {
    const r = await request(port, '/assets/index-3f9a1c.js', 'HEAD');
    assert.equal(r.status, 200);
    assert.equal(r.body, '');
    assert.equal(r.headers['content-length'], String('console.log("courtside")'.length));
    assert.equal((await request(port, '/missing.js', 'HEAD')).status, 404);
  });

  test('a matching ETag or an unchanged date gets 304 without a body', async () => {
    const first = await request(port, '/assets/index-3f9a1c.js');
    const etag = first.headers.etag;
    assert.ok(etag);
    const again = await request(port, '/assets/index-3f9a1c.js', 'GET', { 'If-None-Match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers['cache-control'], 'public, max-age=31536000, immutable');
    const listed = await request(port, '/assets/index-3f9a1c.js', 'GET', { 'If-None-Match': `"nope", ${etag}` });
    assert.equal(listed.status, 304);
    const other = await request(port, '/assets/index-3f9a1c.js', 'GET', { 'If-None-Match': '"other"' });
    assert.equal(other.status, 200);
    const since = await request(port, '/', 'GET', { 'If-Modified-Since': String(first.headers['last-modified']) });
    assert.equal(since.status, 304);
  });

  test('never serves anything outside the root', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets%2F..%2F..%2Fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '//etc/passwd',
      '/%2Fetc%2Fpasswd',
      `/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
      '/escape.txt',
      '/up/secret.txt',
      '/.env',
      '/index.html%00.js',
      '/%E0%A4%A',
      'http://127.0.0.1/etc/passwd',
    ];
    for (const target of attempts) {
      const r = await request(port, target);
      assert.equal(r.status, 404, target);
      assert.doesNotMatch(r.body, /outside the root|SECRET|root:/, target);
    }
  });

  test('a symlink that stays inside the root is served', async () => {
    const r = await request(port, '/icon.svg');
    assert.equal(r.status, 200);
    assert.equal(r.body, '<svg/>');
  });

  test('directories other than the root and missing files are 404', async () => {
    assert.equal((await request(port, '/assets')).status, 404);
    assert.equal((await request(port, '/assets/')).status, 404);
    assert.equal((await request(port, '/nested/')).status, 404);
    const missing = await request(port, '/nope.html');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['cache-control'], 'no-store');
  });

  test('other methods are left to the caller', async () => {
    const r = await request(port, '/', 'POST');
    assert.equal(r.status, 405);
    assert.equal(r.body, 'not static');
  });

  test('options are validated with exact errors', () => {
    assert.throws(() => createStaticHandler({ root: '' }), {
      code: 'invalid_option',
      message: 'createStaticHandler: options.root must be a non-empty string',
    });
    const missing = path.join(base, 'no-such-dir');
    assert.throws(() => createStaticHandler({ root: missing }), {
      code: 'web_root',
      message: `createStaticHandler: root ${missing} is not a directory`,
    });
    assert.throws(() => createStaticHandler({ root: path.join(root, 'index.html') }), { code: 'web_root' });
  });
});
