import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { atMost, integerIn, number, oneOf, port, positive, season, secret } from './fields.ts';
import { ConfigError, parseConfig } from './parse.ts';

const Schema = z
  .object({
    port: port().default(8765).meta({ env: 'TEST_PORT' }),
    dataDir: z.string().optional().meta({ flag: '--data' }),
    speed: number(positive, atMost(100)).optional(),
    level: oneOf(['low', 'high']).default('low'),
    until: season().optional(),
    token: secret('TEST_TOKEN').optional(),
    count: number(integerIn(1, 4)),
  })
  .strict();

function problems(flags: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseConfig(Schema, flags, env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.code, 'invalid_config');
    assert.equal(error.message, error.problems.map((p) => `${p.option} ${p.problem}`).join('; '));
    return error.message;
  }
  return 'accepted';
}

describe('parseConfig', () => {
  it('fills defaults, reads strings as numbers and freezes the result', () => {
    const c = parseConfig(Schema, { count: '2', speed: '1.5' }, {});
    assert.deepEqual({ ...c }, { port: 8765, level: 'low', count: 2, speed: 1.5 });
    assert.ok(Object.isFrozen(c));
  });
  it('lets a flag beat the environment, which beats the default; an empty variable is unset unless a secret', () => {
    assert.equal(parseConfig(Schema, { count: 1 }, { TEST_PORT: '9000' }).port, 9000);
    assert.equal(parseConfig(Schema, { count: 1, port: '9100' }, { TEST_PORT: '9000' }).port, 9100);
    assert.equal(parseConfig(Schema, { count: 1 }, { TEST_PORT: '' }).port, 8765);
    assert.equal(problems({ count: 1 }, { TEST_TOKEN: '' }), 'TEST_TOKEN must be a non-empty string without whitespace');
  });
  it('names each option at fault as given (flag or variable) with the value, in one line', () => {
    assert.equal(problems({ count: 1, port: '99999' }), '--port must be an integer 0..65535, got 99999');
    assert.equal(problems({ count: 1 }, { TEST_PORT: 'abc' }), 'TEST_PORT must be an integer 0..65535, got abc');
    assert.equal(problems({ count: 1, speed: 'fast', level: 'mid' }), '--speed must be a positive number, got fast; --level must be one of low|high, got mid');
    assert.equal(problems({ count: 1, speed: 500 }), '--speed must be at most 100, got 500');
    assert.equal(problems({ count: 5 }), '--count must be an integer 1..4, got 5');
    assert.equal(problems({ count: 1, until: '2017-19' }), '--until must be a season like 2017-18, got 2017-19');
  });
  it('calls a field by its own flag, says what is missing, and refuses what is not an option', () => {
    assert.equal(problems({ count: 1, dataDir: 3 }).split(' ')[0], '--data');
    assert.equal(problems({}), '--count is required');
    assert.equal(problems({ count: 1, feedUrl: 'x' }), '--feed-url is not an option of this command');
  });
  it('never quotes a secret back', () => {
    assert.equal(problems({ count: 1, token: 'has space' }), '--token must be a non-empty string without whitespace');
  });
});
