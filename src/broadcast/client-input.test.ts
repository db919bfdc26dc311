import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readClientFrame } from './client-input.ts';

const LIMIT = 1024;
const text = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('readClientFrame', () => {
  it('reads a subscribe and a resume', () => {
    assert.deepEqual(readClientFrame(text({ type: 'subscribe', game_ids: ['0021700001'] }), false, LIMIT), {
      ok: true,
      message: { type: 'subscribe', game_ids: ['0021700001'] },
    });
    assert.deepEqual(readClientFrame(text({ type: 'subscribe', game_ids: '*' }), false, LIMIT), {
      ok: true,
      message: { type: 'subscribe', game_ids: '*' },
    });
    assert.deepEqual(readClientFrame(text({ type: 'resume', epoch: 'e1', last_seq: 41 }), false, LIMIT), {
      ok: true,
      message: { type: 'resume', epoch: 'e1', last_seq: 41 },
    });
  });

  it('reads a fragmented message delivered as several buffers', () => {
    const whole = text({ type: 'resume', epoch: 'e1', last_seq: 0 });
    const result = readClientFrame([whole.subarray(0, 5), whole.subarray(5)], false, LIMIT);
    assert.equal(result.ok, true);
  });

  it('answers invalid JSON with invalid_json and the parser\'s reason', () => {
    const result = readClientFrame(text('{"type": subscribe'), false, LIMIT);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.code, 'invalid_json');
    assert.match(!result.ok ? result.message : '', /^message is not valid JSON: /);
  });

  it('answers a value without a string type with invalid_message', () => {
    for (const value of [[1, 2], 'null', '42', '"subscribe"', { game_ids: '*' }, { type: 7 }]) {
      assert.deepEqual(readClientFrame(text(value), false, LIMIT), {
        ok: false,
        code: 'invalid_message',
        message: 'message must be a JSON object with a string "type"',
      });
    }
  });

  it('answers an unknown type with unknown_type, listing the known ones', () => {
    assert.deepEqual(readClientFrame(text({ type: 'unsubscribe' }), false, LIMIT), {
      ok: false,
      code: 'unknown_type',
      message: 'unknown message type "unsubscribe"; expected one of: subscribe, resume',
    });
  });

  it('answers a wrong shape with invalid_message naming the field', () => {
    const bad = readClientFrame(text({ type: 'subscribe', game_ids: ['22'] }), false, LIMIT);
    assert.deepEqual(bad, { ok: false, code: 'invalid_message', message: 'invalid subscribe message: game_ids.0: game_id is 10 digits' });
    const noSeq = readClientFrame(text({ type: 'resume', epoch: 'e1' }), false, LIMIT);
    assert.equal(!noSeq.ok && noSeq.code, 'invalid_message');
    assert.match(!noSeq.ok ? noSeq.message : '', /^invalid resume message: last_seq: /);
    const negative = readClientFrame(text({ type: 'resume', epoch: 'e1', last_seq: -1 }), false, LIMIT);
    assert.match(!negative.ok ? negative.message : '', /^invalid resume message: last_seq: /);
  });

  it('refuses binary frames even when they hold valid JSON', () => {
    assert.deepEqual(readClientFrame(text({ type: 'subscribe', game_ids: '*' }), true, LIMIT), {
      ok: false,
      code: 'invalid_message',
      message: 'binary frames are not accepted: send JSON text',
    });
  });

  it('answers a frame over the limit with message_too_large, before parsing it', () => {
    const big = Buffer.alloc(LIMIT + 1, 0x20);
    assert.deepEqual(readClientFrame(big, false, LIMIT), {
      ok: false,
      code: 'message_too_large',
      message: 'message of 1025 bytes exceeds the 1024-byte limit',
    });
  });
});
