import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConnectQuery } from './connect-query.ts';

const read = (query: string) => readConnectQuery(new URLSearchParams(query));

describe('readConnectQuery', () => {
  it('is empty without parameters', () => {
    assert.deepEqual(read(''), { subscribe: undefined, resume: undefined, problems: [] });
  });

  it('reads a comma-separated subscription and "*"', () => {
    assert.deepEqual(read('game_ids=0021700001,0021700002').subscribe, { type: 'subscribe', game_ids: ['0021700001', '0021700002'] });
    assert.deepEqual(read('game_ids=*').subscribe, { type: 'subscribe', game_ids: '*' });
    assert.deepEqual(read('game_ids=').subscribe, { type: 'subscribe', game_ids: [] });
  });

  it('reads a resume from epoch and last_seq', () => {
    assert.deepEqual(read('epoch=abc&last_seq=17').resume, { type: 'resume', epoch: 'abc', last_seq: 17 });
  });

  it('reports a bad game id, a half resume and a non-numeric seq, and ignores them', () => {
    const badId = read('game_ids=0021700001,nope');
    assert.equal(badId.subscribe, undefined);
    assert.deepEqual(badId.problems, [{ ok: false, code: 'invalid_message', message: 'invalid subscribe query: game_ids.1: game_id is 10 digits' }]);
    assert.deepEqual(read('last_seq=4').problems, [{ ok: false, code: 'invalid_message', message: 'query: resuming needs both epoch and last_seq' }]);
    const notNumber = read('epoch=abc&last_seq=4x');
    assert.equal(notNumber.resume, undefined);
    assert.match(notNumber.problems[0]?.message ?? '', /^invalid resume query: last_seq: /);
  });
});
