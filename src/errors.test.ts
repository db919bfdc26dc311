import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { BroadcastError } from './broadcast/errors.ts';
import { ConfigError } from './config.ts';
import { PROJECT_ROOT } from './data/location.ts';
import { CourtsideError, invalidOption } from './errors.ts';
import { FeedError } from './feed/errors.ts';
import { ClockError } from './game/clock.ts';
import { DatasetRowError, ModelError } from './model/errors.ts';
import { PullError } from './pull/errors.ts';
import { ReplayError, ReplayRowError } from './replay/errors.ts';
import { StoreError } from './service/store-port.ts';
import { WebError } from './web/errors.ts';

const SNAKE = /^[a-z]+(_[a-z]+)*$/;

test('every error class extends CourtsideError, is named after itself and carries a snake_case code', () => {
  const errors: Array<[CourtsideError, string]> = [
    [new BroadcastError('invalid_option', 'x'), 'BroadcastError'],
    [new ConfigError('--port must be an integer 0..65535, got 70000'), 'ConfigError'],
    [new FeedError('timeout', { url: 'http://x/', detail: 'timed out' }), 'FeedError'],
    [new ClockError('12:xx'), 'ClockError'],
    [new ModelError('model_file', 'x'), 'ModelError'],
    [new DatasetRowError('f.csv', 2, 'd1', 'not a number'), 'DatasetRowError'],
    [new PullError('pull_file', 'x'), 'PullError'],
    [new ReplayError('replay_no_games', 'x'), 'ReplayError'],
    [new ReplayRowError('f.csv', 2, 'PERIOD', 'x'), 'ReplayRowError'],
    [new StoreError('full', '/tmp/x.db', 'x'), 'StoreError'],
    [new WebError('web_build', 'x'), 'WebError'],
  ];
  for (const [error, name] of errors) {
    assert.ok(error instanceof CourtsideError && error instanceof Error, name);
    assert.equal(error.name, name);
    assert.match(error.code, SNAKE, name);
    assert.match(String(error.stack), new RegExp(`^${name}: `));
  }
  assert.equal(new ModelError('model_file', 'x', { cause: 'disk' }).cause, 'disk');
});

test('a wrong constructor option is a TypeError with the invalid_option code, prefixed by its owner', () => {
  const error = invalidOption('PollLoop', 'cycle must be a function');
  assert.ok(error instanceof TypeError);
  assert.equal(error.code, 'invalid_option');
  assert.equal(error.message, 'PollLoop: cycle must be a function');
});

/** Every .ts under src/, tests aside. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
  );
}

test('src/ defines no error class beside CourtsideError and no ERR_UPPER code', () => {
  // The client SDK's codes are its published API (ERR_CLIENT_*): code that reacts to them may name them.
  const sdk = new Set([...readFileSync(path.join(PROJECT_ROOT, 'packages/client/src/errors.ts'), 'utf8').matchAll(/'(ERR_[A-Z_]+)'/g)].map((m) => m[1]));
  const found: string[] = [];
  for (const file of sources(path.join(PROJECT_ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(PROJECT_ROOT, file);
    if (rel !== path.join('src', 'errors.ts') && /\bextends (Error|TypeError|RangeError)\b/.test(text)) found.push(`${rel} extends a built-in error`);
    for (const m of text.matchAll(/['"](ERR_[A-Z_]+)['"]/g)) if (!sdk.has(m[1])) found.push(`${rel} uses ${m[1]}`);
  }
  assert.deepEqual(found, []);
});
