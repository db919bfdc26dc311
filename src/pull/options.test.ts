import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolvePullOptions, type PullOptions } from './options.ts';

test('pull options: defaults, and each wrong value refused with the value named', () => {
  const o = resolvePullOptions({ season: '2024-25', to: '/tmp/nba' });
  assert.deepEqual([o.feedUrl, o.concurrency, o.missRun], ['https://cdn.nba.com/static/json/liveData', 4, 20]);
  for (const [bad, message] of [
    [{ season: '2024' }, 'season must be like 2024-25, got "2024"'],
    [{ season: '2024-26' }, 'season must be like 2024-25, got "2024-26"'],
    [{ to: '' }, 'the target folder must be a path, got ""'],
    [{ concurrency: 8 }, 'concurrency must be an integer 1..4, got 8'],
    [{ concurrency: 0 }, 'concurrency must be an integer 1..4, got 0'],
    [{ missRun: 1.5 }, 'miss run must be a positive integer, got 1.5'],
    [{ feedUrl: 'cdn.nba.com' }, 'feed URL must be an http(s) URL, got "cdn.nba.com"'],
  ] as const) {
    const options: PullOptions = { season: '2024-25', to: '/tmp/nba', ...(bad as Partial<PullOptions>) };
    assert.throws(() => resolvePullOptions(options), { code: 'invalid_option', message });
  }
});
