/**
 * What the real server never sends, from a hand-written server on an ephemeral port: message
 * types and fields from a newer protocol, duplicates, garbage, and a restart that lost its
 * history (new epoch, seq starting over). The client must keep going and keep its state right.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { CourtsideClient, type ServerMessage } from './index.ts';
import { forecast, game, GAME_A, GAME_B, halftime, score, snapshot } from './testing/messages.ts';
import { Recorder } from './testing/recorder.ts';

const T = { timeout: 15_000 };

/**
 * Sends connection n the frames of `script[n]` and, when asked, drops it; `onMessage` hears what
 * the client sends.
 */
async function startScripted(
  t: TestContext,
  script: Array<Array<string | Buffer | 'drop'>>,
  onMessage: (text: string, ws: WebSocket) => void = () => {},
): Promise<{ url: string; urls: string[] }> {
  const server = createServer();
  const wss = new WebSocketServer({ server });
  const urls: string[] = [];
  wss.on('connection', (ws, req) => {
    urls.push(req.url ?? '');
    ws.on('message', (data) => onMessage(String(data), ws));
    for (const frame of script[urls.length - 1] ?? []) {
      if (frame === 'drop') ws.terminate();
      else ws.send(frame);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    for (const ws of wss.clients) ws.terminate();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`, urls };
}

const json = (m: unknown) => JSON.stringify(m);

describe('CourtsideClient with a newer or misbehaving server', () => {
  it('ignores unknown message types, keeps unknown fields, drops duplicates and garbage, and keeps going', T, async (t) => {
    const newerScore = { ...score(3, GAME_A, { home_score: 20 }), source: 'play-by-play', data: { ...score(3, GAME_A, { home_score: 20 }).data, status: 'Suspended', arena: 'TD Garden' } };
    const revised = { ...halftime(6, GAME_A, 5), revised: true };
    const { url } = await startScripted(t, [[
      json(snapshot(1, [game(GAME_A)])),
      json({ type: 'lineup_update', seq: 2, timestamp: '2017-10-18T00:00:00Z', game_id: GAME_A, win_probability: 0.6 }),
      json(newerScore),
      json(score(3, GAME_A, { home_score: 99 })),
      json(score(2, GAME_A, { home_score: 98 })),
      Buffer.from([1, 2, 3]),
      '{"type":"score_update",',
      json({ ...score(4, GAME_A), data: null }),
      json(forecast(5, GAME_A)),
      json(forecast(5, GAME_A)),
      json(revised),
      json({ type: 'error', seq: 6, timestamp: '2017-10-18T00:00:00Z', code: 'unknown_game', message: 'not tracked (yet), subscribed anyway: 0021700099' }),
    ]]);
    const client = new CourtsideClient({ url, WebSocket });
    t.after(() => client.close());
    const seen = new Recorder(client);
    const iterated: ServerMessage[] = [];
    void (async () => {
      for await (const m of client) iterated.push(m);
    })();
    const errors: string[] = [];
    client.on('error', (e) => errors.push(e.code));
    await seen.until('the error reply', () => errors.length === 1);

    assert.deepEqual(seen.messages.map((m) => `${m.type}#${m.seq}`), ['snapshot#1', 'score_update#3', 'ml_prediction#5', 'halftime_result#6', 'error#6']);
    assert.deepEqual(iterated, seen.messages, 'the iterator sees exactly what the events see');
    assert.deepEqual(seen.unknown.map((u) => [u.type, u.message.win_probability]), [['lineup_update', 0.6]]);
    assert.deepEqual(seen.invalid.map((i) => i.reason), [
      'binary frame (the protocol is JSON text)',
      'invalid JSON: {"type":"score_update",',
      'score_update: data: expected an object, got null',
    ]);
    const a = client.game(GAME_A);
    assert.equal(a?.data.home_score, 20, 'the duplicates did not overwrite the score');
    assert.equal(a?.data.status, 'Suspended', 'a status this version has never seen is kept');
    assert.equal((a?.data as unknown as Record<string, unknown>).arena, 'TD Garden');
    assert.equal((a?.halftime as unknown as Record<string, unknown>).revised, true);
    assert.deepEqual(client.position, { epoch: 'e1', seq: 6 });
    assert.equal(client.connection.state, 'connected');
  });

  it('after a restart that lost the history (new epoch, seq from 1 again) it replaces its state and takes the new seqs', T, async (t) => {
    const { url, urls } = await startScripted(t, [
      [json(snapshot(10, [game(GAME_A), game(GAME_B)])), json(score(11, GAME_A, { home_score: 30 })), json(score(12, GAME_B)), 'drop'],
      [json(snapshot(1, [game(GAME_B, { pattern: [4, 4] })], 'e2')), json(score(2, GAME_B, { home_score: 41 })), json(score(3, GAME_B, { home_score: 44 }))],
    ]);
    const client = new CourtsideClient({ url, WebSocket, backoff: { baseMs: 10, capMs: 10 } });
    t.after(() => client.close());
    const seen = new Recorder(client);
    const syncs: string[][] = [];
    client.on('sync', (games) => syncs.push([...games.keys()]));
    await seen.until('the new epoch\'s seq 3', () => seen.messages.some((m) => m.seq === 3));
    assert.deepEqual(Object.fromEntries(new URL(urls[1] ?? '', 'ws://x').searchParams), { epoch: 'e1', last_seq: '12' }, 'it asked to resume');
    assert.deepEqual(seen.messages.map((m) => `${m.type}#${m.seq}`), ['snapshot#10', 'score_update#11', 'score_update#12', 'snapshot#1', 'score_update#2', 'score_update#3']);
    assert.deepEqual(syncs, [[GAME_A, GAME_B], [GAME_B]]);
    assert.deepEqual([...client.games.keys()], [GAME_B]);
    assert.equal(client.game(GAME_B)?.data.home_score, 44);
    assert.deepEqual(client.game(GAME_B)?.pattern, [4, 4]);
    assert.deepEqual(client.position, { epoch: 'e2', seq: 3 });
  });

  it('does not resume on a connection opened before the snapshot of a new subscription arrived', T, async (t) => {
    const subscribes: string[] = [];
    const { url, urls } = await startScripted(t, [[json(snapshot(10, [game(GAME_A)]))], [json(snapshot(12, [game(GAME_B)]))]], (text, ws) => {
      subscribes.push(text);
      ws.terminate();
    });
    const client = new CourtsideClient({ url, WebSocket, games: [GAME_A], backoff: { baseMs: 10, capMs: 10 } });
    t.after(() => client.close());
    const seen = new Recorder(client);
    await client.whenSynced();
    client.subscribe([GAME_B]);
    await seen.until('the snapshot of B', () => client.games.has(GAME_B));
    assert.deepEqual(subscribes, [json({ type: 'subscribe', game_ids: [GAME_B] })]);
    assert.deepEqual(urls, [`/?game_ids=${GAME_A}`, `/?game_ids=${GAME_B}`], 'the second connection asked for a snapshot, not a replay');
    assert.deepEqual([...client.games.keys()], [GAME_B]);
  });
});
