import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prettyDestination, prettyLine } from './pretty-log.ts';

const at = new Date(2017, 9, 17, 20, 5, 9).getTime();
const json = (entry: Record<string, unknown>) => `${JSON.stringify({ time: at, pid: 7, name: 'courtside', ...entry })}\n`;

describe('pretty log lines', () => {
  it('gives the time, the level when not routine, the message, the game, the cause and the plain fields', () => {
    assert.equal(prettyLine(json({ level: 30, msg: 'state store open', db: '/tmp/x.db' })), '20:05:09 state store open · db=/tmp/x.db\n');
    assert.equal(
      prettyLine(json({ level: 40, component: 'pipeline', gameId: '0021700001', err: { type: 'FeedError', message: '404 Not Found from http://x/pbp.json: no such game', code: 'not_found' }, msg: 'play-by-play unavailable' })),
      '20:05:09 warn: play-by-play unavailable · game 0021700001 · 404 Not Found from http://x/pbp.json: no such game\n',
    );
    assert.equal(prettyLine(json({ level: 50, err: 'socket hang up', msg: 'client socket error', client: 3 })), '20:05:09 error: client socket error · socket hang up · client=3\n');
    assert.equal(prettyLine(json({ level: 20, msg: 'detail' })), '20:05:09 debug: detail\n');
  });
  it('leaves out objects and arrays, which a line cannot show well', () => {
    assert.equal(prettyLine(json({ level: 30, msg: 'score went backwards', actions: [1, 2], extra: { a: 1 }, minutes: 48 })), '20:05:09 score went backwards · minutes=48\n');
  });
  it('puts a stack, when the entry has one, on indented lines under it', () => {
    const text = prettyLine(json({ level: 50, msg: 'poll failed', err: { message: 'boom', stack: 'Error: boom\n    at a (x.ts:1:1)\ncaused by: Error: deeper\n    at b (y.ts:2:2)' } }));
    assert.equal(text, '20:05:09 error: poll failed · boom\n    at a (x.ts:1:1)\n    caused by: Error: deeper\n    at b (y.ts:2:2)\n');
  });
  it('colours warnings and errors only when asked', () => {
    assert.equal(prettyLine(json({ level: 50, msg: 'down' }), true), '20:05:09 \x1b[31merror: down\x1b[0m\n');
    assert.equal(prettyLine(json({ level: 40, msg: 'slow' }), true), '20:05:09 \x1b[33mwarn: slow\x1b[0m\n');
    assert.equal(prettyLine(json({ level: 30, msg: 'fine' }), true), '20:05:09 fine\n');
  });
  it('passes a line that is not JSON through as it is', () => {
    assert.equal(prettyLine('not json'), 'not json\n');
    const out: string[] = [];
    prettyDestination({ write: (t) => out.push(t), color: false }).write(json({ level: 30, msg: 'hello' }));
    assert.deepEqual(out, ['20:05:09 hello\n']);
  });
});
