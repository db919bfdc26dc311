import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { GAME_A, gameSnapshot, scoreUpdate } from './testing/fixtures.ts';
import { startHarness, type TestClient } from './testing/harness.ts';

const T = { timeout: 10_000 };

/** Sends raw input, expects one error reply, then proves the connection still works. */
async function expectError(client: TestClient, input: string | Buffer, code: string, message: RegExp): Promise<void> {
  client.ws.send(input);
  const reply = await client.next();
  assert.equal(reply.type, 'error', `expected an error for ${String(input).slice(0, 40)}`);
  assert.equal(reply.type === 'error' && reply.code, code);
  assert.match(reply.type === 'error' ? reply.message : '', message);
  client.send({ type: 'subscribe', game_ids: '*' });
  assert.equal((await client.next()).type, 'snapshot');
}

describe('Broadcaster client input', () => {
  it('answers bad input with an error message and keeps the connection usable', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A)]);
    const client = await h.connect();
    await client.nextOf('snapshot');
    await expectError(client, '{"type":"subscribe",', 'invalid_json', /^message is not valid JSON: /);
    await expectError(client, 'hello', 'invalid_json', /^message is not valid JSON: /);
    await expectError(client, '{"type":"unsubscribe","game_ids":"*"}', 'unknown_type', /^unknown message type "unsubscribe"; expected one of: subscribe, resume$/);
    await expectError(client, '[]', 'invalid_message', /^message must be a JSON object with a string "type"$/);
    await expectError(client, '{"type":"subscribe","game_ids":["123"]}', 'invalid_message', /^invalid subscribe message: game_ids\.0: game_id is 10 digits$/);
    await expectError(client, '{"type":"resume","epoch":"","last_seq":1}', 'invalid_message', /^invalid resume message: epoch: /);
    await expectError(client, Buffer.from('{"type":"subscribe","game_ids":"*"}'), 'invalid_message', /^binary frames are not accepted: send JSON text$/);
    assert.equal(h.broadcaster.stats().clientErrors, 7);
    assert.equal(h.broadcaster.clientCount, 1);
  });

  it('carries the seq the client is at in its error messages', T, async (t) => {
    const h = await startHarness(t);
    const client = await h.connect();
    await client.nextOf('snapshot');
    h.broadcaster.publish(scoreUpdate(GAME_A, 2, 0));
    await client.readThrough(1);
    client.send('nope');
    const reply = await client.next();
    assert.equal(reply.type, 'error');
    assert.equal(reply.seq, 1);
  });

  it('answers a frame over maxPayloadBytes with message_too_large and stays open', T, async (t) => {
    const h = await startHarness(t, { maxPayloadBytes: 1024 });
    const client = await h.connect();
    await client.nextOf('snapshot');
    const padded = JSON.stringify({ type: 'subscribe', game_ids: '*', pad: 'x'.repeat(2000) });
    await expectError(client, padded, 'message_too_large', new RegExp(`^message of ${padded.length} bytes exceeds the 1024-byte limit$`));
  });

  it('lets ws close a frame beyond four times the limit with 1009, without reading it, and serves others', T, async (t) => {
    const h = await startHarness(t, { maxPayloadBytes: 1024 });
    const hostile = await h.connect();
    const bystander = await h.connect();
    await Promise.all([hostile.nextOf('snapshot'), bystander.nextOf('snapshot')]);
    hostile.ws.send('x'.repeat(4 * 1024 + 1));
    const closed = await hostile.closed;
    assert.equal(closed.code, 1009);
    h.broadcaster.publish(scoreUpdate(GAME_A, 1, 0));
    assert.equal((await bystander.readThrough(1)).length, 1);
  });

  it('survives random bytes in text and binary frames', T, async (t) => {
    const h = await startHarness(t);
    const client = await h.connect();
    await client.nextOf('snapshot');
    for (let i = 0; i < 20; i += 1) client.ws.send(randomBytes(64), { binary: i % 2 === 0 });
    // Random text is usually not valid UTF-8: ws may close those with 1007; either way the server stays up.
    const next = await h.connect();
    assert.equal((await next.next()).type, 'snapshot');
    h.broadcaster.publish(scoreUpdate(GAME_A, 1, 0));
    assert.equal((await next.readThrough(1)).length, 1);
  });
});
