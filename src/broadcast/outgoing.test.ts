import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BroadcastError } from './errors.ts';
import { Outgoing } from './outgoing.ts';
import { GAME_A, gameSnapshot, scoreUpdate } from './testing/fixtures.ts';

describe('Outgoing', () => {
  it('stamps seq right after type, keeping every other field', () => {
    const stamped = new Outgoing(true).stamp(scoreUpdate(GAME_A, 3, 1), 7);
    assert.deepEqual(Object.keys(stamped).slice(0, 3), ['type', 'seq', 'timestamp']);
    assert.deepEqual(stamped, { ...scoreUpdate(GAME_A, 3, 1), seq: 7 });
  });

  it('builds snapshots with resumed: false only when asked, and errors', () => {
    const out = new Outgoing(true);
    const plain = JSON.parse(String(out.snapshot('e1', 4, [gameSnapshot(GAME_A)])));
    assert.equal(plain.type, 'snapshot');
    assert.equal(plain.epoch, 'e1');
    assert.equal(plain.seq, 4);
    assert.equal('resumed' in plain, false);
    assert.equal(JSON.parse(String(out.snapshot('e1', 4, [], false))).resumed, false);
    const error = JSON.parse(String(out.error(2, 'invalid_json', 'message is not valid JSON: x')));
    assert.deepEqual({ ...error, timestamp: undefined }, { type: 'error', seq: 2, timestamp: undefined, code: 'invalid_json', message: 'message is not valid JSON: x' });
  });

  it('with validation on, names the message type and the offending fields', () => {
    const bad = scoreUpdate(GAME_A, 3, 1);
    bad.data.away_team = 'celtics';
    assert.throws(
      () => new Outgoing(true).stamp(bad, 1),
      (error: unknown) =>
        error instanceof BroadcastError &&
        error.code === 'outgoing_message' &&
        error.message === 'outgoing score_update message violates the protocol: data.away_team: team tricode',
    );
  });

  it('with validation off, trusts the caller (production speed)', () => {
    const bad = scoreUpdate(GAME_A, 3, 1);
    bad.data.away_team = 'celtics';
    assert.equal(new Outgoing(false).stamp(bad, 1).seq, 1);
  });
});
