import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FeedCondition } from '../protocol/messages.ts';
import { FeedStatusReporter } from './feed-status.ts';
import type { Logger } from '../domain/logger.ts';
import { RecordingSink } from './testing/fakes.ts';

const AT = '2017-10-18T01:15:03.220Z';
const OK: FeedCondition = { state: 'ok', since: '2017-10-18T01:00:00.000Z', last_success_at: '2017-10-18T01:15:00.000Z', last_error: null };
const problem = (code: string, endpoint = 'scoreboard') => ({ at: AT, endpoint, code, message: `${code} from http://127.0.0.1:1/${endpoint}` });
const failing = (code: string, endpoint?: string): FeedCondition => ({ state: 'failing', since: AT, last_success_at: OK.last_success_at, last_error: problem(code, endpoint) });

function lines(): { logger: Logger; said: string[] } {
  const said: string[] = [];
  const log = (level: string) => (_: object, msg?: string) => void said.push(`${level} ${msg ?? ''}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: () => logger };
  return { logger, said };
}

describe('FeedStatusReporter', () => {
  it('publishes the first judgement, then only changes of state or of a failure\'s cause, each logged once', () => {
    const sink = new RecordingSink();
    const { logger, said } = lines();
    let now: FeedCondition = OK;
    const reporter = new FeedStatusReporter({ sink, logger, condition: () => now, now: () => Date.parse(AT) });

    assert.deepEqual(reporter.check(), OK, 'the first judgement goes out, ok or not');
    assert.equal(reporter.check(), undefined);
    now = failing('network');
    assert.deepEqual(reporter.check(), now);
    now = { ...failing('network'), last_error: { ...problem('network'), at: '2017-10-18T01:15:13.220Z' } };
    assert.equal(reporter.check(), undefined, 'the same failure, a later error: nothing new to say');
    now = failing('circuit_open');
    assert.equal(reporter.check()?.last_error?.code, 'circuit_open', 'the cause changed kind');
    now = { ...OK, since: '2017-10-18T01:20:00.000Z' };
    reporter.check();

    assert.deepEqual(sink.messages.map((m) => [m.seq, m.type, 'state' in m ? m.state : '', 'last_error' in m ? m.last_error?.code : '']), [
      [1, 'feed_status', 'ok', undefined],
      [2, 'feed_status', 'failing', 'network'],
      [3, 'feed_status', 'failing', 'circuit_open'],
      [4, 'feed_status', 'ok', undefined],
    ]);
    assert.equal(sink.messages[1]?.timestamp, AT);
    assert.deepEqual(said, [
      `warn NBA feed failing since ${AT} (network on scoreboard: network from http://127.0.0.1:1/scoreboard)`,
      `warn NBA feed failing since ${AT} (circuit_open on scoreboard: circuit_open from http://127.0.0.1:1/scoreboard)`,
      `info NBA feed answering again (failing since ${AT})`,
    ]);
  });

  it('says "silent" for a stale feed', () => {
    const sink = new RecordingSink();
    const { logger, said } = lines();
    const reporter = new FeedStatusReporter({ sink, logger, condition: () => ({ ...OK, state: 'stale', since: OK.last_success_at as string }) });
    reporter.check();
    assert.deepEqual(said, ['warn NBA feed silent since 2017-10-18T01:15:00.000Z (no answer)']);
    assert.equal(reporter.last?.state, 'stale');
  });

  it('refuses options it cannot use, by name', () => {
    assert.throws(() => new FeedStatusReporter({ sink: {} as RecordingSink, condition: () => OK }), { code: 'invalid_option', message: 'FeedStatusReporter: sink must have a publish(message) method' });
    assert.throws(() => new FeedStatusReporter({ sink: new RecordingSink(), condition: 'ok' as never }), { code: 'invalid_option', message: /condition must be a function/ });
  });
});
