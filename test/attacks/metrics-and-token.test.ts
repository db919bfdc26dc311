/**
 * Issue 16, finding 6: `/metrics` had no process memory and could not be protected. The service
 * started with `COURTSIDE_API_TOKEN` set must refuse `/metrics` and `/api/*` without the token
 * (401 and a Bearer challenge), serve them with it, with process memory and event-loop lag among
 * the series, and keep `/health` open for probes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seriesValue } from '../../src/observability/testing/series.ts';
import { scriptedServiceForSuite } from '../support/scripted-service.ts';

const TOKEN = 'attack-test-7f3a9c1e';

describe('/metrics and /api behind a bearer token', () => {
  const s = scriptedServiceForSuite(undefined, { COURTSIDE_API_TOKEN: TOKEN });

  it('refuses /metrics and /api/* without the right token', async (t) => {
    if (s.skip) return t.skip(s.skip);
    const { run } = s;
    for (const route of ['/metrics', '/api/games', '/api/games/0042200121']) {
      for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: `Basic ${TOKEN}` }] as Record<string, string>[]) {
        const res = await run.get(route, headers);
        assert.equal(res.status, 401, `${route} ${JSON.stringify(headers)}`);
        assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="courtside"');
        assert.equal(((await res.json()) as { error: string }).error, 'unauthorized');
      }
    }
  });

  it('serves them with it, /metrics with process memory and event-loop lag', async (t) => {
    if (s.skip) return t.skip(s.skip);
    const { run } = s;
    const auth = { authorization: `Bearer ${TOKEN}` };
    assert.deepEqual(await (await run.get('/api/games', auth)).json(), { games: [] });
    const res = await run.get('/metrics', auth);
    assert.equal(res.status, 200);
    const text = await res.text();
    const rss = Number(seriesValue(text, 'process_resident_memory_bytes'));
    assert.ok(rss > 10 * 1024 * 1024 && rss < 8 * 1024 ** 3, `process_resident_memory_bytes ${rss}`);
    assert.ok(Number(seriesValue(text, 'nodejs_heap_size_used_bytes')) > 0);
    for (const series of ['nodejs_eventloop_lag_p99_seconds', 'nodejs_eventloop_lag_max_seconds']) {
      const lag = Number(seriesValue(text, series));
      assert.ok(lag >= 0 && lag < 10, `${series} ${lag}`);
    }
    assert.match(text, /^courtside_poll_cycles_total \d+$/m);
  });

  it('keeps /health open', async (t) => {
    if (s.skip) return t.skip(s.skip);
    const { run } = s;
    const res = await run.get('/health');
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { status: string }).status, 'ok');
  });
});
