import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlayByPlayDocument, ScoreboardDocument } from '../feed/nba-schemas.ts';
import { scoreboardDocument } from './documents.ts';
import { startFakeCdn, type FakeCdnOptions } from './fake-cdn.ts';
import { accessDenied, serverError, tooManyRequests, type Fault, type FaultRequest } from './faults.ts';
import { get, json, NBA_HEADERS } from './testing/http.ts';
import { manualTime, testNight } from './testing/nights.ts';

const DATE = '2018-01-01';

/** A fake CDN whose clock stands 40 minutes into the first game. */
async function cdnWith(t: Parameters<typeof testNight>[0], options: Partial<FakeCdnOptions>) {
  const night = testNight(t, DATE);
  if (!night) return undefined;
  const time = manualTime(night);
  const cdn = await startFakeCdn({ night, speed: 1, now: time.now, ...options });
  const game = cdn.games[0];
  assert.ok(game);
  time.set(game.startsAt + 40 * 60_000);
  t.after(() => cdn.close());
  return { cdn, game, time, pbpUrl: `${cdn.url}/playbyplay/playbyplay_${game.gameId}.json`, boardUrl: `${cdn.url}/scoreboard/todaysScoreboard_00.json` };
}

/** Injects `faults` on the first `times` matching requests, then serves normally (the feed "recovers"). */
function firstTimes(times: number, fault: Fault, match: (r: FaultRequest) => boolean = () => true) {
  let left = times;
  return (r: FaultRequest): Fault | undefined => (match(r) && left-- > 0 ? fault : undefined);
}

test('status faults: 403 HTML, 500, 429 with Retry-After, then recovery', async (t) => {
  for (const [fault, status, check] of [
    [accessDenied(), 403, (b: string) => /Access Denied/.test(b)],
    [serverError(), 500, (b: string) => /Internal Server Error/.test(b)],
    [tooManyRequests(7), 429, (b: string) => b === 'Too Many Requests'],
  ] as const) {
    const setup = await cdnWith(t, { faults: firstTimes(2, fault) });
    if (!setup) return;
    for (let i = 0; i < 2; i++) {
      const r = await get(setup.pbpUrl);
      assert.equal(r.status, status);
      assert.ok(check(r.body.toString()));
      if (status === 429) assert.equal(r.headers['retry-after'], '7');
    }
    PlayByPlayDocument.parse(json(await get(setup.pbpUrl)));
  }
});

test('the injector sees the request: path, document kind, game, headers, simulated time and count', async (t) => {
  const seen: FaultRequest[] = [];
  const setup = await cdnWith(t, { faults: (r) => void seen.push(r) });
  if (!setup) return;
  await get(setup.boardUrl);
  await get(setup.pbpUrl, { ...NBA_HEADERS, 'X-Probe': '1' });
  await get(`${setup.cdn.url}/elsewhere.json`);
  assert.deepEqual(seen.map((r) => [r.kind, r.gameId, r.count]), [['scoreboard', undefined, 1], ['playbyplay', setup.game.gameId, 2], [undefined, undefined, 3]]);
  assert.equal(seen[1]?.headers['x-probe'], '1');
  assert.equal(seen[1]?.path, `/static/json/liveData/playbyplay/playbyplay_${setup.game.gameId}.json`);
  assert.equal(seen[0]?.now, setup.cdn.clock.now());
});

test('hang: no answer until the client gives up; close() still returns', async (t) => {
  // Only marked requests hang: a client timeout may fire before a request even reaches a busy server.
  const setup = await cdnWith(t, { faults: (r) => (r.headers['x-hang'] ? { kind: 'hang' } : undefined) });
  if (!setup) return;
  const hanging = fetch(setup.pbpUrl, { headers: { ...NBA_HEADERS, 'X-Hang': '1' }, signal: AbortSignal.timeout(150) });
  await assert.rejects(hanging, (e: unknown) => (e as Error).name === 'TimeoutError');
  assert.equal((await fetch(setup.pbpUrl, { headers: NBA_HEADERS })).status, 200);
  const stuck = fetch(setup.boardUrl, { headers: NBA_HEADERS }).catch((e: unknown) => e);
  let arrived: () => void = () => {};
  const seen = new Promise<void>((resolve) => (arrived = resolve));
  const hung = await cdnWith(t, {
    faults: () => {
      arrived();
      return { kind: 'hang' };
    },
  });
  assert.ok(hung);
  const pending = fetch(hung.boardUrl, { headers: NBA_HEADERS }).catch((e: unknown) => e);
  await seen;
  await hung.cdn.close();
  assert.ok((await pending) instanceof Error, 'the hanging request fails when the server closes');
  assert.equal(((await stuck) as Response).status, 200);
});

test('reset: the connection drops without an answer', async (t) => {
  const setup = await cdnWith(t, { faults: firstTimes(1, { kind: 'reset' }) });
  if (!setup) return;
  await assert.rejects(get(setup.pbpUrl), (e: unknown) => /socket hang up|ECONNRESET/.test((e as Error).message));
  assert.equal((await get(setup.pbpUrl)).status, 200);
});

test('truncate: a clean short body of invalid JSON, or a connection dropped mid-body', async (t) => {
  const setup = await cdnWith(t, { faults: firstTimes(1, { kind: 'truncate', bytes: 300 }) });
  if (!setup) return;
  const cut = await get(setup.pbpUrl);
  const whole = await get(setup.pbpUrl);
  assert.equal(cut.status, 200);
  assert.equal(cut.body.length, 300);
  assert.deepEqual(cut.body, whole.body.subarray(0, 300));
  assert.throws(() => JSON.parse(cut.body.toString()), SyntaxError);

  const aborting = await cdnWith(t, { faults: firstTimes(1, { kind: 'truncate', abort: true }) });
  assert.ok(aborting);
  const response = await fetch(aborting.pbpUrl, { headers: NBA_HEADERS });
  await assert.rejects(response.text(), (e: unknown) => e instanceof Error);
});

test('a one-request transform fault serves a broken document once', async (t) => {
  const dropField = (doc: Record<string, unknown>): unknown => {
    const actions = (doc.game as { actions: Array<Record<string, unknown>> }).actions;
    delete actions[3]?.scoreHome;
    return doc;
  };
  const setup = await cdnWith(t, { faults: firstTimes(1, { kind: 'transform', transform: dropField }, (r) => r.kind === 'playbyplay') });
  if (!setup) return;
  const broken = PlayByPlayDocument.safeParse(json(await get(setup.pbpUrl)));
  assert.equal(broken.success, false);
  assert.deepEqual(broken.error?.issues[0]?.path, ['game', 'actions', 3, 'scoreHome']);
  PlayByPlayDocument.parse(json(await get(setup.pbpUrl)));
});

test('document transforms: delete, edit and late-file actions, a score going backwards, a dropped field', async (t) => {
  const setup = await cdnWith(t, {
    transform: (kind, gameId, doc) => {
      if (kind === 'scoreboard') {
        const games = (doc.scoreboard as { games: Array<Record<string, unknown>> }).games;
        delete games[0]?.gameClock;
        return doc;
      }
      if (kind !== 'playbyplay' || gameId === undefined) return doc;
      const game = doc.game as { actions: Array<Record<string, unknown>> };
      const actions = game.actions.filter((a) => a.actionNumber !== game.actions[5]?.actionNumber);
      const edited = actions[6] as Record<string, unknown>;
      Object.assign(edited, { description: 'rewritten', edited: '2018-01-02T03:00:00Z' });
      const last = actions.at(-1) as Record<string, unknown>;
      actions.push({ ...last, actionNumber: 9_999, orderNumber: Number((actions[10] as { orderNumber: number }).orderNumber) + 1, scoreHome: '0' });
      game.actions = actions;
      return doc;
    },
  });
  if (!setup) return;
  const { actions } = PlayByPlayDocument.parse(json(await get(setup.pbpUrl))).game;
  const original = setup.game.actions;
  assert.ok(!actions.some((a) => a.actionNumber === original[5]?.action.actionNumber), 'deleted');
  assert.equal(actions[6]?.description, 'rewritten');
  const late = actions.at(-1);
  assert.equal(late?.actionNumber, 9_999);
  assert.equal(late?.scoreHome, '0', 'a score going backwards');
  const board = ScoreboardDocument.safeParse(json(await get(setup.boardUrl)));
  assert.deepEqual(board.error?.issues.map((i) => i.path.join('.')), ['scoreboard.games.0.gameClock']);
});

test("yesterday's scoreboard can be served in place of tonight's", async (t) => {
  const yesterday = testNight(t, '2017-12-31');
  if (!yesterday) return;
  const setup = await cdnWith(t, { transform: (kind, _id, doc) => (kind === 'scoreboard' ? scoreboardDocument(yesterday, yesterday.closesAt) : doc) });
  if (!setup) return;
  const board = ScoreboardDocument.parse(json(await get(setup.boardUrl)));
  assert.equal(board.scoreboard.gameDate, '2017-12-31');
  assert.ok(board.scoreboard.games.every((g) => g.gameStatus === 3 && g.gameCode.startsWith('20171231/')));
});

test('a transform that throws answers 500 naming the path, is reported, and the server keeps serving', async (t) => {
  const errors: string[] = [];
  let fail = true;
  const setup = await cdnWith(t, {
    transform: (_k, _id, doc) => {
      if (fail) throw new Error('boom');
      return doc;
    },
    onError: (e, path) => errors.push(`${path}: ${(e as Error).message}`),
  });
  if (!setup) return;
  const r = await get(setup.boardUrl);
  assert.equal(r.status, 500);
  assert.equal(r.body.toString(), 'fake CDN failed on /static/json/liveData/scoreboard/todaysScoreboard_00.json: boom\n');
  assert.deepEqual(errors, ['/static/json/liveData/scoreboard/todaysScoreboard_00.json: boom']);
  fail = false;
  assert.equal((await get(setup.boardUrl)).status, 200);
});

test('a transform can serve raw text (a body that is not JSON at all)', async (t) => {
  const setup = await cdnWith(t, { transform: () => '<html>maintenance</html>' });
  if (!setup) return;
  const r = await get(setup.boardUrl);
  assert.equal(r.status, 200);
  assert.equal(r.body.toString(), '<html>maintenance</html>');
});
