import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CapturingLogger } from '../../test/support/capturing-logger.ts';
import { PROJECT_ROOT } from '../data/location.ts';
import { isoClock } from '../game/clock.ts';
import type { LiveAction } from '../game/types.ts';
import { readInGameModel } from '../data/model-dir.ts';
import type { InGameForecast, InGameForecaster } from '../model/in-game/forecaster.ts';
import { LEVEL_NAMES } from '../model/in-game/levels.ts';
import { LiveRatings } from '../model/in-game/live-ratings.ts';
import { inGameForecaster } from '../model/in-game/load.ts';
import { DEFAULT_RATING_PARAMS } from '../model/ratings.ts';
import { QUANTILE_KEYS } from '../protocol/messages.ts';
import { openStore } from '../store/sqlite-store.ts';
import { MinuteForecasts } from './minute-forecasts.ts';
import { Persistence } from './persistence.ts';
import { Pipeline } from './pipeline.ts';
import { silentLogger } from '../domain/logger.ts';
import { FixedPredictor, RecordingSink, ScriptedFeed, scoreboardGame } from './testing/fakes.ts';

const artifact = readInGameModel(path.join(PROJECT_ROOT, 'models/in-game'));
const IDS = { CLE: 1610612739, BOS: 1610612738 } as const;

/** The committed model, with every call to `observe` remembered. */
function forecaster(): Pick<InGameForecaster, 'forecastSituation' | 'observe' | 'modelVersion'> & { observed: Array<{ target: string; minutes: number[]; actual: number }> } {
  const model = inGameForecaster(artifact, []);
  const observed: Array<{ target: string; minutes: number[]; actual: number }> = [];
  return {
    modelVersion: model.modelVersion,
    observed,
    forecastSituation: (s) => model.forecastSituation(s),
    observe(target, forecasts: readonly InGameForecast[], actual) {
      observed.push({ target, minutes: forecasts.map((f) => f.minute), actual });
      model.observe(target, forecasts, actual);
    },
  };
}

/** A basket a minute, margin `margins[k − 1]` at the end of minute k, home shooting on odd minutes; the ball goes to the other team. */
function game(margins: readonly number[]): LiveAction[] {
  const out: LiveAction[] = [];
  let n = 0;
  const add = (period: number, left: number, extra: Partial<LiveAction> & Record<string, unknown>, score: readonly [number, number]): void => {
    n++;
    out.push({ actionNumber: n, orderNumber: n * 10, clock: isoClock(left), period, actionType: 'period', scoreHome: String(score[0]), scoreAway: String(score[1]), ...extra } as LiveAction);
  };
  margins.forEach((m, i) => {
    const k = i + 1;
    const score = [5 * k + Math.max(m, 0), 5 * k + Math.max(-m, 0)] as const;
    const period = k <= 48 ? Math.ceil(k / 12) : 5 + Math.floor((k - 49) / 5);
    const periodEnd = period <= 4 ? period * 12 : 48 + (period - 4) * 5;
    const team = k % 2 === 1 ? 'CLE' : 'BOS';
    add(period, (periodEnd - k) * 60 + 30, { actionType: '2pt', shotResult: 'Made', teamTricode: team, teamId: IDS[team], possession: IDS[team] }, score);
    if (k === periodEnd) add(period, 0, { subType: 'end', possession: 0 }, score);
  });
  return out;
}

function setup(options: { store?: ReturnType<typeof openStore>; logger?: CapturingLogger } = {}) {
  const feed = new ScriptedFeed();
  const sink = new RecordingSink();
  const model = forecaster();
  const ratings = new LiveRatings([], DEFAULT_RATING_PARAMS);
  const logger = options.logger ?? new CapturingLogger();
  const minuteForecasts = new MinuteForecasts({ forecaster: model, ratings, sink, logger, store: options.store });
  const predictor = new FixedPredictor();
  const persistence = options.store && new Persistence(options.store);
  const pipeline = new Pipeline({ feed, sink, predictor, logger: silentLogger, minuteForecasts, ...(persistence ? { persistence } : {}) });
  return { feed, sink, model, ratings, minuteForecasts, predictor, pipeline, logger };
}

/** Plays the game to the end of `minute` (its play-by-play and a scoreboard that agrees). */
async function playTo(s: ReturnType<typeof setup>, margins: readonly number[], minute: number, final = false): Promise<void> {
  const actions = game(margins.slice(0, minute));
  const last = actions.at(-1) as LiveAction;
  const [home, away] = [Number(last.scoreHome), Number(last.scoreAway)];
  // One more action in the next minute shows the minute complete, as the live feed does.
  if (!final) actions.push({ ...last, actionNumber: 9_000 + minute, orderNumber: 90_000 + minute * 10, actionType: 'rebound', shotResult: undefined, clock: isoClock(Math.max(0, parseIso(last.clock) - 35)), possession: 0 } as LiveAction);
  s.feed.actions.set('0021700001', actions);
  s.feed.games = [scoreboardGame(final ? { gameStatus: 3, gameStatusText: 'Final', period: last.period, gameClock: '', home, away } : { period: last.period, gameClock: last.clock, home, away })];
  await s.pipeline.cycle();
}

function parseIso(clock: string): number {
  const m = /^PT(\d+)M(\d+(?:\.\d+)?)S$/.exec(clock) as RegExpExecArray;
  return Number(m[1]) * 60 + Number(m[2]);
}

const MARGINS = Array.from({ length: 48 }, (_, i) => (i % 5) - 1 + Math.floor(i / 8));

describe('MinuteForecasts', () => {
  it('publishes the protocol\'s quantile keys in the model\'s level order', () => {
    assert.deepEqual([...QUANTILE_KEYS], LEVEL_NAMES);
  });

  it('sends a forecast_update after each minute\'s pattern_progress, with the ball from play-by-play, up to minute 47', async () => {
    const s = setup();
    for (const minute of [3, 10, 17, 18, 24, 30, 47]) await playTo(s, MARGINS, minute);
    await playTo(s, MARGINS, 48, true);
    const updates = s.sink.ofType('forecast_update');
    assert.deepEqual(updates.map((u) => u.minute), Array.from({ length: 47 }, (_, i) => i + 1), 'every minute once, none at the untied end');
    for (const u of updates) {
      assert.equal(u.margin, MARGINS[u.minute - 1]);
      assert.equal(u.model_version, artifact.metadata.model_version);
      const q = QUANTILE_KEYS.map((k) => u.final_margin.quantiles[k]);
      assert.ok(q.every((v, i) => i === 0 || v >= (q[i - 1] as number)), `minute ${u.minute} quantiles monotone`);
      assert.ok(u.final_margin.quantiles.q025 < u.final_margin.point && u.final_margin.point < u.final_margin.quantiles.q975);
      assert.equal(u.halftime_margin === null, u.minute >= 24, `minute ${u.minute}: halftime margin until halftime only`);
      // The home team shoots on odd minutes and hands the ball over; period ends follow the opening possession (home shot first).
      const expected = u.minute % 12 === 0 ? (u.minute === 36 ? 'home' : 'away') : u.minute % 2 === 1 ? 'away' : 'home';
      assert.equal(u.possession, expected, `possession at the end of minute ${u.minute}`);
    }
    // Each forecast follows its minute's pattern_progress.
    const order = s.sink.messages.filter((m) => m.type === 'pattern_progress' || m.type === 'forecast_update').map((m) => m.type === 'pattern_progress' ? `p${m.minutes_collected}` : `f${m.minute}`);
    assert.ok(order.indexOf('p3') < order.indexOf('f1') && order.indexOf('f3') < order.indexOf('p10'));
    // Late in a game with a lead, the leader's win probability approaches 1.
    const last = updates.at(-1);
    assert.ok(last && last.margin >= 5 && last.home_win_probability > 0.9, `minute 47, margin ${last?.margin}: ${last?.home_win_probability}`);
    assert.equal(s.pipeline.snapshot()[0]?.minute_forecast?.minute, 47);
    // The 18:00 forecast was told who had the ball at the end of minute 18.
    assert.equal(s.predictor.calls[0]?.context.possession, 'home');
  });

  it('learns from the halftime and final margins, adds the game to the ratings, and logs the coverage', async () => {
    const logger = new CapturingLogger();
    const s = setup({ logger });
    await playTo(s, MARGINS, 30);
    await playTo(s, MARGINS, 48, true);
    assert.deepEqual(s.model.observed.map((o) => [o.target, o.minutes.length, o.actual]), [
      ['halftime', 30, MARGINS[23]],
      ['final', 47, MARGINS[47]],
    ]);
    assert.equal(s.ratings.size, 1);
    const checked = logger.entries.find((r) => r.msg.startsWith('final margin checked'));
    assert.ok(checked, 'the coverage line is logged');
    assert.equal(checked.fields.forecasts, 47);
    assert.ok((checked.fields.covered95 as number) >= (checked.fields.covered80 as number) && (checked.fields.covered80 as number) >= (checked.fields.covered50 as number));
  });

  it('forecasts a tied end of regulation and every overtime minute, until an overtime ends untied', async () => {
    const s = setup();
    const margins = [...MARGINS.slice(0, 47), 0, 1, 2, 0, -1, 0, 1, 2, 3, 3, 4];
    for (const minute of [20, 47, 48, 52, 53, 57]) await playTo(s, margins, minute);
    await playTo(s, margins, 58, true);
    const minutes = s.sink.ofType('forecast_update').map((u) => u.minute);
    assert.deepEqual(minutes.slice(45), [46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57]);
    const tied = s.sink.ofType('forecast_update').find((u) => u.minute === 48);
    assert.ok(tied && tied.home_win_probability > 0.2 && tied.home_win_probability < 0.8 && tied.possession === null);
  });

  it('keeps each game\'s history in the store: a restart sends no minute twice and goes on from the next', async () => {
    const store = openStore(':memory:');
    const first = setup({ store });
    await playTo(first, MARGINS, 20);
    const before = store.minuteForecasts('0021700001');
    assert.deepEqual(before.map((r) => r.minute), Array.from({ length: 20 }, (_, i) => i + 1));
    const second = setup({ store });
    // Before the restarted service touches the game, its snapshot already shows the latest forecast.
    assert.equal(second.minuteForecasts.latest('0021700001')?.minute, 20);
    assert.equal(second.minuteForecasts.latest('0021700002'), null);
    await playTo(second, MARGINS, 22);
    assert.deepEqual(second.sink.ofType('forecast_update').map((u) => u.minute), [21, 22]);
    assert.equal(second.minuteForecasts.latest('0021700001')?.minute, 22);
    assert.deepEqual(second.minuteForecasts.history('0021700001').map((f) => f.minute), Array.from({ length: 22 }, (_, i) => i + 1));
    assert.deepEqual(second.minuteForecasts.history('0021700001')[4], first.minuteForecasts.history('0021700001')[4]);
    store.close();
  });

  it('leaves out a stored forecast that no longer reads as one, and says so', async () => {
    const store = openStore(':memory:');
    const logger = new CapturingLogger();
    const s = setup({ store, logger });
    await playTo(s, MARGINS, 5);
    store.recordMinuteForecast('0021700001', 6, '{"minute":6,"broken":true}', '2017-10-18T00:10:00.000Z');
    const fresh = setup({ store, logger });
    assert.deepEqual(fresh.minuteForecasts.history('0021700001').map((f) => f.minute), [1, 2, 3, 4, 5]);
    assert.ok(logger.entries.some((r) => r.msg === 'stored minute forecast unreadable; left out' && r.fields.minute === 6));
    store.close();
  });

  it('forecasts nothing for a game first seen over', async () => {
    const s = setup();
    await playTo(s, MARGINS, 48, true);
    assert.equal(s.sink.ofType('forecast_update').length, 0);
    assert.equal(s.ratings.size, 1, 'its result still rates the teams');
  });
});
