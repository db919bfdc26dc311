import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { Gate, type Admission, type AdmissionPolicy } from './admission.ts';

const OPEN: AdmissionPolicy = { path: '/', allowedOrigins: undefined, token: undefined, maxConnections: 100, maxConnectionsPerAddress: 100 };

/** Only the fields the gate reads. */
function request(url: string, headers: Record<string, string> = {}, remoteAddress = '10.0.0.1'): IncomingMessage {
  return { url, headers, socket: { remoteAddress } } as unknown as IncomingMessage;
}

function status(admission: Admission): number {
  return admission.ok ? 101 : admission.status;
}

describe('Gate', () => {
  it('admits a plain request on the configured path and reports the address', () => {
    const admission = new Gate(OPEN).admit(request('/?game_ids=*', {}, '::ffff:127.0.0.1'));
    assert.equal(admission.ok, true);
    assert.equal(admission.ok && admission.address, '127.0.0.1');
    assert.equal(admission.ok && admission.url.searchParams.get('game_ids'), '*');
  });

  it('answers 404 on another path', () => {
    const admission = new Gate({ ...OPEN, path: '/stream' }).admit(request('/'));
    assert.deepEqual(admission, { ok: false, cause: 'wrong_path', status: 404, reason: 'no WebSocket endpoint at /', headers: {} });
    assert.equal(status(new Gate({ ...OPEN, path: '/stream' }).admit(request('/stream?x=1'))), 101);
  });

  it('answers 400 to a request target that is not a URL', () => {
    assert.deepEqual(new Gate(OPEN).admit(request('http://[::1')), { ok: false, cause: 'bad_target', status: 400, reason: 'the request target is not a valid URL', headers: {} });
  });

  it('checks browser origins against the allow-list and lets non-browsers through', () => {
    const gate = new Gate({ ...OPEN, allowedOrigins: new Set(['https://courtside.example']) });
    assert.equal(status(gate.admit(request('/', { origin: 'https://courtside.example' }))), 101);
    const evil = gate.admit(request('/', { origin: 'https://evil.example' }));
    assert.deepEqual(evil, { ok: false, cause: 'origin_not_allowed', status: 403, reason: 'origin https://evil.example is not allowed', headers: {} });
    assert.equal(status(gate.admit(request('/'))), 101);
  });

  it('requires the token as a bearer header or a query parameter', () => {
    const gate = new Gate({ ...OPEN, token: 'tok-123' });
    assert.equal(status(gate.admit(request('/', { authorization: 'Bearer tok-123' }))), 101);
    assert.equal(status(gate.admit(request('/', { authorization: 'bearer   tok-123' }))), 101);
    assert.equal(status(gate.admit(request('/?token=tok-123'))), 101);
    const wrong = gate.admit(request('/', { authorization: 'Bearer tok-1234' }));
    assert.equal(status(wrong), 401);
    assert.equal(!wrong.ok && wrong.headers['WWW-Authenticate'], 'Bearer');
    assert.equal(!wrong.ok && wrong.cause, 'bad_token');
    assert.equal(status(gate.admit(request('/'))), 401);
    assert.equal(status(gate.admit(request('/', { authorization: 'Basic dG9rLTEyMw==' }))), 401);
    assert.equal(status(gate.admit(request('/?token='))), 401);
  });

  it('caps connections in total, and frees a slot on release (once)', () => {
    const gate = new Gate({ ...OPEN, maxConnections: 2 });
    const first = gate.admit(request('/', {}, '10.0.0.1'));
    const second = gate.admit(request('/', {}, '10.0.0.2'));
    const third = gate.admit(request('/', {}, '10.0.0.3'));
    assert.equal(status(third), 503);
    assert.equal(!third.ok && third.reason, 'server is at its limit of 2 connections');
    assert.equal(!third.ok && third.cause, 'server_full');
    assert.equal(gate.open, 2);
    if (first.ok) {
      first.release();
      first.release();
    }
    assert.equal(gate.open, 1);
    assert.equal(status(gate.admit(request('/', {}, '10.0.0.3'))), 101);
    assert.equal(status(second), 101);
  });

  it('caps connections per address, counting IPv4-mapped addresses as the same client', () => {
    const gate = new Gate({ ...OPEN, maxConnectionsPerAddress: 2 });
    const a = gate.admit(request('/', {}, '10.0.0.1'));
    assert.equal(status(gate.admit(request('/', {}, '::ffff:10.0.0.1'))), 101);
    const refused = gate.admit(request('/', {}, '10.0.0.1'));
    assert.equal(status(refused), 429);
    assert.equal(!refused.ok && refused.reason, '10.0.0.1 already has 2 connections (limit 2)');
    assert.equal(!refused.ok && refused.cause, 'address_full');
    assert.equal(status(gate.admit(request('/', {}, '10.0.0.2'))), 101);
    if (a.ok) a.release();
    assert.equal(status(gate.admit(request('/', {}, '10.0.0.1'))), 101);
  });
});
