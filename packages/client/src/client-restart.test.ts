/**
 * Issue 18's acceptance for the SDK: the real service (`courtside serve` on a `--db`, polling a
 * replayed night from its own `courtside replay` process) is killed with SIGKILL mid-night and
 * started again on the same database and port. Two clients ride through it on their own
 * backoff: one following every game, one following a single game. Afterwards each holds every
 * message of the server's log for its games exactly once, in order, and the state the server
 * itself reports.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { findDataDir } from '../../../test/support/data.ts';
import { ReplayedNight, SERVE_READY, untilQuiet } from '../../../test/support/replayed-night.ts';
import { Collector } from '../../../test/support/ws-collector.ts';
import { CourtsideClient, type GameState } from './index.ts';
import { Recorder } from './testing/recorder.ts';

/** Eight games tipping at 7:00 (five), 7:30, 8:00 and 8:30 pm: about 28 s at speed 500. */
const NIGHT = '2017-10-20';
const SPEED = 500;
const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');

describe('the client through a restart of the real service on the same --db', () => {
  let night: ReplayedNight | undefined;
  let scratch = '';
  before(async () => {
    if (!data.dir) return;
    scratch = mkdtempSync(path.join(os.tmpdir(), 'courtside-client-restart-'));
    night = await ReplayedNight.start(data.dir, NIGHT, SPEED);
  });
  after(async () => {
    await night?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('resumes with no gap and no duplicate, and ends with the server\'s state', { timeout: 150_000, skip: data.reason }, async (t) => {
    const replayed = night as ReplayedNight;
    const db = path.join(scratch, 'courtside.db');
    const first = replayed.serve(db, 0);
    t.after(() => first.kill());
    const port = Number((await first.waitFor(SERVE_READY, 120_000))[1]);
    await replayed.ready;
    const url = `ws://127.0.0.1:${port}/`;
    const backoff = { baseMs: 100, capMs: 1000 };
    const everything = new CourtsideClient({ url, WebSocket, backoff });
    const all = new Recorder(everything);
    t.after(() => everything.close());
    await everything.whenSynced();
    const gameId = await waitForAGame(everything);
    const one = new CourtsideClient({ url, WebSocket, backoff, games: [gameId] });
    const single = new Recorder(one);
    t.after(() => one.close());
    await one.whenSynced();

    // Killed without warning right after the night's first forecast.
    await all.until('the first forecast', () => all.ofType('ml_prediction').length > 0, 90_000);
    const killedAt = all.gameMessages.at(-1)?.seq ?? 0;
    assert.equal((await first.kill('SIGKILL')).signal, 'SIGKILL');
    await all.until('the drop', () => everything.connection.state !== 'connected');

    const second = replayed.serve(db, port);
    t.after(() => second.kill());
    await second.waitFor(SERVE_READY, 120_000);
    await all.until('a halftime result after the restart', () => all.ofType('halftime_result').some((m) => m.seq > killedAt), 90_000);

    // Hold the feed still, so the service's state and log stop moving, then compare.
    await replayed.withFeedFrozen(async () => {
      await untilQuiet(url);
      const head = await headSeq(url);
      const epoch = everything.position?.epoch ?? '';
      const log = new Collector(`${url}?epoch=${encodeURIComponent(epoch)}&last_seq=0`);
      t.after(() => log.close());
      await log.readThrough(head);
      await all.readThrough(head, 30_000);
      const logged = log.messages.filter((m) => m.type !== 'snapshot' && m.type !== 'error');
      assert.deepEqual(logged.map((m) => m.seq), Array.from({ length: head }, (_, i) => i + 1), 'the server\'s log is whole: 1..head');

      const greeting = all.ofType('snapshot')[0]?.seq ?? 0;
      assert.deepEqual(all.ofType('snapshot').length, 1, 'resumed, never re-greeted');
      assert.deepEqual(all.streamMessages, logged.filter((m) => m.seq > greeting), 'every message after the greeting, once, in order, as logged');
      assert.ok(all.statuses.some((s) => s.state === 'reconnecting'), 'it did reconnect');
      assert.ok(killedAt < head, `the night went on after the restart (killed at ${killedAt}, head ${head})`);

      const singleGreeting = single.ofType('snapshot').at(-1)?.seq ?? 0;
      await single.until(`${gameId} through ${head}`, () => (one.position?.seq ?? 0) >= lastOf(logged, gameId));
      assert.deepEqual(single.streamMessages, logged.filter((m) => m.seq > singleGreeting && ('game_id' in m ? m.game_id === gameId : m.type === 'feed_status')), `only ${gameId} (and feed_status, sent to all), once each, in order`);
      assert.deepEqual([...one.games.keys()], [gameId]);
      // The restarted server judged its feed afresh and said so, in the stream both clients resumed.
      const feedAfter = logged.filter((m) => m.type === 'feed_status' && m.seq > killedAt);
      assert.deepEqual(feedAfter.map((m) => m.type === 'feed_status' && m.state), ['ok'], 'the restarted server\'s first judgement');
      assert.deepEqual([everything.feed?.state, one.feed?.state], ['ok', 'ok']);

      const served = await apiGames(port);
      assert.deepEqual(comparable([...everything.games.values()]), comparable(served), 'the client holds the state the server reports');
      assert.deepEqual(comparable([...one.games.values()]), comparable(served.filter((g) => g.game_id === gameId)));
    });
    t.diagnostic(`killed at seq ${killedAt}; ${all.gameMessages.length} messages after the greeting`);
  });
});

async function waitForAGame(client: CourtsideClient): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (client.games.size === 0) {
    if (Date.now() > deadline) throw new Error('no game appeared within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return [...client.games.keys()].sort()[0] as string;
}

async function headSeq(url: string): Promise<number> {
  const greeter = new Collector(url);
  await greeter.until((ms) => ms.length > 0);
  greeter.close();
  return greeter.messages[0]?.seq ?? 0;
}

function lastOf(messages: readonly { seq: number }[], gameId: string): number {
  return messages.filter((m) => 'game_id' in m && m.game_id === gameId).at(-1)?.seq ?? 0;
}

async function apiGames(port: number): Promise<GameState[]> {
  const res = await fetch(`http://127.0.0.1:${port}/api/games`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { games: GameState[] }).games;
}

/** Games by id, without `updated_at`: the server stamps it from the feed's clock, the client from message timestamps. */
function comparable(games: readonly GameState[]): Record<string, Omit<GameState, 'updated_at'>> {
  return Object.fromEntries([...games].sort((a, b) => a.game_id.localeCompare(b.game_id)).map(({ updated_at: _u, ...g }) => [g.game_id, g]));
}
