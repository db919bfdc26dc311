import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeServerMessage } from './decode.ts';

const score = {
  type: 'score_update',
  seq: 3,
  timestamp: '2017-10-17T23:30:00Z',
  game_id: '0021700001',
  data: {
    away_team: 'BOS',
    home_team: 'CLE',
    away_score: 2,
    home_score: 0,
    differential: -2,
    period: 1,
    clock: '11:40',
    status: 'In Progress',
    game_date: '2017-10-17',
    start_time: '2017-10-17T23:00:00Z',
  },
};

test('a protocol message decodes', () => {
  const d = decodeServerMessage(JSON.stringify(score));
  assert.equal(d.ok, true);
  assert.equal(d.ok && d.message.type, 'score_update');
});

test('bad input is refused with what and where', () => {
  assert.deepEqual(decodeServerMessage('{"type":'), { ok: false, reason: 'invalid JSON: {"type":' });
  assert.deepEqual(decodeServerMessage(new ArrayBuffer(2)), { ok: false, reason: 'binary frame (the protocol is JSON text)' });
  const hostile = { ...score, data: { ...score.data, away_team: '<img src=x onerror=alert(1)>' } };
  const d = decodeServerMessage(JSON.stringify(hostile));
  assert.equal(d.ok, false);
  assert.match(d.ok ? '' : d.reason, /^score_update: data\.away_team: team tricode$/);
  const unknown = decodeServerMessage(JSON.stringify({ type: 'gossip', seq: 1, timestamp: score.timestamp }));
  assert.equal(unknown.ok, false);
  assert.match(unknown.ok ? '' : unknown.reason, /^gossip: type: /);
});
