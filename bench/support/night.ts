/**
 * The benches' busy night: the busiest night of 2017-18 (14 games) plus one game borrowed from
 * another date, so a 15-game night exists; optionally with every tip moved close together so all
 * fifteen games are live at once (the worst case for one poll cycle).
 */
import { loadSchedule } from '../../src/replay/dataset.ts';
import { loadNight, OPEN_BEFORE_TIP_MS, type Night, type NightGame } from '../../src/replay/night.ts';
import { defaultNight, listNights } from '../../src/replay/nights.ts';

export const NIGHT_GAMES = 15;

/** 15 real games on the busiest date; the borrowed one is paced on that date by its own stamps. */
export function loadBusyNight(dataDir: string): Night {
  const schedule = loadSchedule(dataDir);
  const date = defaultNight(listNights(dataDir, schedule));
  const tonight = schedule.filter((g) => g.gameDate === date);
  const borrowed = schedule.filter((g) => g.season === tonight[0]?.season && g.gameDate > date).slice(0, NIGHT_GAMES - tonight.length);
  const ids = new Set(borrowed.map((g) => g.gameId));
  const moved = schedule.map((g) => (ids.has(g.gameId) ? { ...g, gameDate: date } : g));
  const night = loadNight(dataDir, date, moved);
  if (night.games.length !== NIGHT_GAMES) throw new Error(`expected a ${NIGHT_GAMES}-game night on ${date}, got ${night.games.length}`);
  return night;
}

/** The same games, game i tipping `staggerMs * i` after the first: all live together for ~2 hours. */
export function alignTips(night: Night, staggerMs: number): Night {
  const first = Math.min(...night.games.map((g) => g.startsAt));
  const games = night.games.map((g, i) => shiftGame(g, first + i * staggerMs - g.startsAt));
  return {
    ...night,
    games,
    opensAt: Math.min(...games.map((g) => g.scheduledTip)) - OPEN_BEFORE_TIP_MS,
    closesAt: Math.max(...games.map((g) => g.endsAt)),
  };
}

/** Simulated span in which every game of the night is live (between the last tip and the first end). */
export function allLiveSpan(night: Night): { from: number; to: number } {
  return { from: Math.max(...night.games.map((g) => g.startsAt)), to: Math.min(...night.games.map((g) => g.endsAt)) };
}

function shiftGame(game: NightGame, by: number): NightGame {
  return {
    ...game,
    scheduledTip: game.scheduledTip + by,
    startsAt: game.startsAt + by,
    endsAt: game.endsAt + by,
    actions: game.actions.map((a) => ({ ...a, publishAt: a.publishAt + by })),
  };
}
