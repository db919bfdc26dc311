import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SERVER_EXAMPLES } from '../../../src/protocol/examples.ts';
import { decodeFrame, type Decoded } from './decode.ts';
import { feedCondition, feedStatus, game, halftime, score, snapshot } from './testing/messages.ts';

const frame = (value: unknown) => JSON.stringify(value);
const reason = (d: Decoded) => (d.kind === 'invalid' ? d.reason : `not refused: ${d.kind}`);

describe('decodeFrame', () => {
  test('every documented example of the protocol is a message', () => {
    for (const example of Object.values(SERVER_EXAMPLES)) {
      const d = decodeFrame(frame(example));
      assert.equal(d.kind, 'message', `${example.type}: ${reason(d)}`);
      assert.deepEqual(d.kind === 'message' && d.message, example);
    }
  });

  test('fields and values from a newer server are kept, not refused', () => {
    const newer = { ...halftime(4, '0021700001', 5), revised: true, data_source: 'play-by-play' };
    const d = decodeFrame(frame(newer));
    assert.equal(d.kind, 'message');
    assert.deepEqual(d.kind === 'message' && d.message, newer);
    const suspended = { ...score(5, '0021700001', { status: 'Suspended' as never }), data: { ...score(5, '0021700001').data, status: 'Suspended', arena: 'TD Garden' } };
    const p = decodeFrame(frame(suspended));
    assert.equal(p.kind === 'message' && p.message.type === 'score_update' && p.message.data.status, 'Suspended');
    assert.deepEqual(p.kind === 'message' && p.message, suspended);
  });

  test('a message type this version does not know is set apart, not refused', () => {
    const forecast = { type: 'lineup_update', seq: 12, timestamp: '2017-10-18T00:30:00Z', game_id: '0021700001', minute: 20, win_probability: 0.61 };
    assert.deepEqual(decodeFrame(frame(forecast)), { kind: 'unknown', type: 'lineup_update', message: forecast });
  });

  test('what cannot be used is refused with what and where', () => {
    assert.deepEqual(decodeFrame(new Uint8Array([123, 125])), { kind: 'invalid', reason: 'binary frame (the protocol is JSON text)' });
    assert.equal(reason(decodeFrame('{"type":')), 'invalid JSON: {"type":');
    assert.equal(reason(decodeFrame('[1,2]')), 'not a message (no "type"): [1,2]');
    assert.equal(reason(decodeFrame('{"seq":1}')), 'not a message (no "type"): {"seq":1}');
    const noData = { ...score(3, '0021700001'), data: undefined };
    assert.equal(reason(decodeFrame(frame(noData))), 'score_update: data: expected an object, got nothing');
    const textScore = { ...score(3, '0021700001'), data: { ...score(3, '0021700001').data, home_score: '12' } };
    assert.equal(reason(decodeFrame(frame(textScore))), 'score_update: data.home_score: expected an integer, got "12"');
    assert.equal(reason(decodeFrame(frame({ ...score(3, '0021700001'), seq: -1.5 }))), 'score_update: seq: expected an integer, got -1.5');
    const badGame = snapshot(4, [game('0021700001'), { ...game('0021700002'), pattern: [1, 'x'] as never }]);
    assert.equal(reason(decodeFrame(frame(badGame))), 'snapshot: games.1.pattern: expected an array of integers, got an array');
    const noEnsemble = { ...halftime(4, '0021700001', 5), forecast: { ...halftime(4, '0021700001', 5).forecast, components: { lstm_prediction: 1 } } };
    assert.equal(reason(decodeFrame(frame(noEnsemble))), 'halftime_result: forecast.components.ensemble_forecast: expected a number, got nothing');
    const noCode = { ...feedStatus(5, 'failing'), last_error: { ...feedCondition('failing', 5).last_error, code: undefined } };
    assert.equal(reason(decodeFrame(frame(noCode))), 'feed_status: last_error.code: expected a string, got nothing');
    const badFeed = snapshot(6, [], 'e1', { feed_status: { ...feedCondition('ok', 6), since: 6 as never } });
    assert.equal(reason(decodeFrame(frame(badFeed))), 'snapshot: feed_status.since: expected a string, got 6');
  });

  test('a caller\'s own check refuses what it refuses, after the shape is known to be right', () => {
    const seen: unknown[] = [];
    const validate = (m: { type: string }) => {
      seen.push(m.type);
      return m.type === 'score_update' ? 'score_update: data.away_team: team tricode' : undefined;
    };
    assert.equal(reason(decodeFrame(frame(score(1, '0021700001')), validate)), 'score_update: data.away_team: team tricode');
    assert.equal(decodeFrame(frame(snapshot(1, [])), validate).kind, 'message');
    assert.equal(reason(decodeFrame('{"type":"score_update"}', validate)), 'score_update: seq: expected an integer, got nothing');
    assert.deepEqual(seen, ['score_update', 'snapshot'], 'not called for a malformed message');
  });
});
