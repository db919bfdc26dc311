import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeedError } from './feed/errors.ts';
import { createLogger } from './logging.ts';

const URL = 'http://127.0.0.1:9/static/json/liveData/scoreboard/todaysScoreboard_00.json';
const failure = () => new FeedError('network', { url: URL, detail: 'network error (connection refused)', cause: new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') }) });

function capture(level: string, format?: 'json' | 'pretty'): { text: () => string; logger: ReturnType<typeof createLogger> } {
  let text = '';
  return { text: () => text, logger: createLogger(level, { format, write: (t) => (text += t) }) };
}

describe('the service log', () => {
  it('logs a failure as one JSON line with its code, URL and causes, and no stack trace at info level', () => {
    const { text, logger } = capture('info');
    logger.child({ component: 'pipeline' }).error({ err: failure() }, 'scoreboard poll failed; keeping the last known state');
    const lines = text().trimEnd().split('\n');
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0] as string);
    assert.equal(entry.level, 50);
    assert.equal(entry.err.code, 'network');
    assert.equal(entry.err.url, URL);
    assert.match(entry.err.message, /network error \(connection refused\) from http:\/\/127\.0\.0\.1:9\/.*: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:9/);
    assert.equal(entry.err.stack, undefined);
  });
  it('keeps the stack trace, with its causes, at debug level', () => {
    const { text, logger } = capture('debug');
    logger.error({ err: failure() }, 'scoreboard poll failed');
    const entry = JSON.parse(text());
    assert.match(entry.err.stack, /^FeedError: network error[^]*\n {4}at [^]*caused by: TypeError: fetch failed/);
  });
  it('leaves a field named err that is not an error as it is', () => {
    const { text, logger } = capture('info');
    logger.warn({ err: 'socket hang up' }, 'client socket error');
    assert.equal(JSON.parse(text()).err, 'socket hang up');
  });
  it('writes one line of words per entry in the pretty format: the failure and its cause, no stack', () => {
    const { text, logger } = capture('info', 'pretty');
    logger.child({ component: 'pipeline' }).error({ err: failure() }, 'scoreboard poll failed; keeping the last known state');
    logger.info({ gameId: '0021700001', minutes: 48 }, 'game final');
    const lines = text().trimEnd().split('\n');
    assert.equal(lines.length, 2, text());
    assert.match(lines[0] as string, /^\d\d:\d\d:\d\d error: scoreboard poll failed; keeping the last known state · network error \(connection refused\) from http:\S+: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:9$/);
    assert.match(lines[1] as string, /^\d\d:\d\d:\d\d game final · game 0021700001 · minutes=48$/);
  });
  it('prints the stack under the line in the pretty format at debug level', () => {
    const { text, logger } = capture('debug', 'pretty');
    logger.error({ err: failure() }, 'scoreboard poll failed');
    const [first, ...rest] = text().trimEnd().split('\n');
    assert.match(first as string, /error: scoreboard poll failed · network error/);
    assert.ok(rest.length > 2 && rest.every((l) => l.startsWith('    ')), rest.join('\n'));
    assert.ok(rest.some((l) => l.includes('caused by: TypeError: fetch failed')));
  });
  it('leaves out entries below its level', () => {
    const { text, logger } = capture('warn', 'pretty');
    logger.info({}, 'routine');
    logger.debug({}, 'detail');
    assert.equal(text(), '');
  });
});
