import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { requireDataDir } from '../../test/support/data.ts';
import { loadSeasonGames } from './dataset.ts';
import { ReplayError } from './errors.ts';
import { startFakeCdn } from './fake-cdn.ts';
import { loadNight } from './night.ts';
import { BUSY_NIGHT_GAMES, defaultNight, listNights, speedForMinutes } from './nights.ts';
import { get, json } from './testing/http.ts';
import { writeDataDir, type SyntheticGame } from './testing/synthetic.ts';

test('2017-18: every night listed, the default is its busiest, and the default speed plays it in about 10 minutes', (t) => {
  const dataDir = requireDataDir(t, 'pbp_2017-18.csv', 'minute_diffs.csv');
  if (!dataDir) return;
  const nights = listNights(dataDir);
  assert.equal(nights.length, 168);
  assert.ok(nights.every((n) => n.season === '2017-18'), 'only seasons with a play-by-play file');
  assert.equal(nights.reduce((s, n) => s + n.games, 0), 1223);
  assert.deepEqual(nights[0], { date: '2017-10-17', season: '2017-18', games: 2 });
  const date = defaultNight(nights);
  assert.equal(date, '2017-11-22');
  assert.ok((nights.find((n) => n.date === date)?.games ?? 0) >= BUSY_NIGHT_GAMES);
  const night = loadNight(dataDir, date);
  assert.equal(night.games.length, 14);
  const speed = speedForMinutes(night);
  assert.ok(Number.isInteger(speed));
  const minutes = (night.closesAt - night.opensAt) / speed / 60_000;
  assert.ok(minutes > 9.5 && minutes < 10.5, `${minutes} min`);
  assert.equal(speedForMinutes(night, 0.5), Math.round((night.closesAt - night.opensAt) / 30_000));
  assert.throws(() => speedForMinutes(night, 0), (e: unknown) => e instanceof ReplayError && e.message === 'minutes must be a positive number, got 0');
});

const game = (gameId: string, season: string, date: string, home: string, away: string, tip?: string): SyntheticGame => ({ gameId, season, date, home, away, tip });

test('another season is one more file: its nights list, load and serve, and the default falls back to the latest season', async (t) => {
  const dir = writeDataDir(
    {
      '2016-17': [game('0021600001', '2016-17', '2016-10-25', 'CLE', 'NYK')],
      '2018-19': [game('0021800001', '2018-19', '2018-10-16', 'BOS', 'PHI', '8:11 PM'), game('0021800002', '2018-19', '2018-10-16', 'GSW', 'OKC', '10:41 PM')],
    },
    // Listed in minute_diffs.csv but without rows; and a row game minute_diffs.csv does not list.
    [game('0021800003', '2018-19', '2018-10-16', 'LAL', 'POR')],
    [game('0021800099', '2018-19', '2018-10-17', 'MIA', 'ORL')],
  );
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(listNights(dir), [
    { date: '2016-10-25', season: '2016-17', games: 1 },
    { date: '2018-10-16', season: '2018-19', games: 3 },
  ]);
  assert.equal(defaultNight(listNights(dir)), '2018-10-16');
  const night = loadNight(dir, '2018-10-16');
  assert.deepEqual(night.games.map((g) => [g.gameCode, g.pacing]), [['20181016/PHIBOS', 'stamps'], ['20181016/OKCGSW', 'stamps']]);
  assert.deepEqual(night.absent, ['0021800003']);
  assert.equal(night.games[1]?.scheduledTip, Date.parse('2018-10-17T02:30:00Z'), '10:30 pm EDT');
  assert.deepEqual(loadSeasonGames(dir, '2018-19').unplaced, ['0021800099']);
  assert.equal(loadNight(dir, '2016-10-25').games[0]?.actions.at(-1)?.action.scoreHome, '8');

  const cdn = await startFakeCdn({ dataDir: dir, speed: 1 });
  t.after(() => cdn.close());
  assert.equal(cdn.date, '2018-10-16');
  const board = json(await get(`${cdn.url}/scoreboard/todaysScoreboard_00.json`)) as { scoreboard: { games: Array<{ gameCode: string }> } };
  assert.deepEqual(board.scoreboard.games.map((g) => g.gameCode), ['20181016/PHIBOS', '20181016/OKCGSW']);
  const auto = await startFakeCdn({ dataDir: dir, date: '2016-10-25' });
  t.after(() => auto.close());
  assert.equal(auto.speed, speedForMinutes(auto.night), 'default speed: the night in about 10 minutes');
});

test('a date without games, or a season without its play-by-play file, is a clear error', (t) => {
  const dir = writeDataDir({ '2018-19': [game('0021800001', '2018-19', '2018-10-16', 'BOS', 'PHI')] }, [game('0021700001', '2017-18', '2017-10-17', 'CLE', 'BOS')]);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.throws(() => loadNight(dir, '2018-10-17'), (e: unknown) => e instanceof ReplayError && e.code === 'replay_no_games' && e.message === 'no games on 2018-10-17 in minute_diffs.csv: courtside replay --list shows the nights there are');
  assert.throws(
    () => loadNight(dir, '2017-10-17'),
    (e: unknown) => e instanceof ReplayError && e.code === 'replay_no_data' && e.message === `no play-by-play for 2017-10-17: ${dir} has no pbp_2017-18.csv`,
  );
  assert.throws(() => defaultNight([]), (e: unknown) => e instanceof ReplayError && e.code === 'replay_no_data');
  const rowless = writeDataDir({ '2018-19': [] }, [game('0021800001', '2018-19', '2018-10-16', 'BOS', 'PHI')]);
  t.after(() => rmSync(rowless, { recursive: true, force: true }));
  assert.throws(
    () => loadNight(rowless, '2018-10-16'),
    (e: unknown) => e instanceof ReplayError && e.message === 'no play-by-play rows for any of the 1 games of 2018-10-16 (0021800001)',
  );
});
