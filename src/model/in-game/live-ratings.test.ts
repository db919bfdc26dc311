import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RATING_PARAMS, TeamRatings, type RatedGame } from '../ratings.ts';
import { LiveRatings } from './live-ratings.ts';

const game = (gameId: string, gameDate: string, homeTeam: string, awayTeam: string, margin: number): RatedGame => ({ gameId, season: '2017-18', gameDate, homeTeam, awayTeam, margin });

describe('LiveRatings', () => {
  it('gives a game of the history its own pre-game expectation, and a new game one from the games before it', () => {
    const history = [game('0021700001', '2017-10-17', 'CLE', 'BOS', 20), game('0021700002', '2017-10-18', 'BOS', 'MIL', -10)];
    const live = new LiveRatings(history, DEFAULT_RATING_PARAMS);
    const batch = new TeamRatings(history, DEFAULT_RATING_PARAMS);
    const context = (gameId: string, gameDate: string) => ({ gameId, homeTeam: 'CLE', awayTeam: 'BOS', gameDate });
    assert.equal(live.expectedMargin(context('0021700001', '2017-10-17')), batch.expectedFor('0021700001'));
    assert.equal(live.expectedMargin(context('0021700099', '2017-10-20')), batch.expectedMargin('CLE', 'BOS', '2017-10-20'));
  });

  it('moves later games\' expectations as games finish, never the same night\'s, and keeps a game\'s first result', () => {
    const live = new LiveRatings([], DEFAULT_RATING_PARAMS);
    const later = { gameId: '0021700050', homeTeam: 'CLE', awayTeam: 'BOS', gameDate: '2017-10-25' };
    const sameNight = { gameId: '0021700051', homeTeam: 'CLE', awayTeam: 'BOS', gameDate: '2017-10-20' };
    const before = live.expectedMargin(later);
    assert.equal(before, DEFAULT_RATING_PARAMS.homeAdvantage, 'teams never seen are even');
    assert.equal(live.add(game('0021700010', '2017-10-20', 'CLE', 'BOS', 25)), true);
    assert.ok(live.expectedMargin(later) > before, 'a home win by 25 raises the home team');
    assert.equal(live.expectedMargin(sameNight), before, 'games of the same night are played at the same time');
    const after = live.expectedMargin(later);
    assert.equal(live.add(game('0021700010', '2017-10-20', 'CLE', 'BOS', -25)), false);
    assert.equal(live.expectedMargin(later), after);
    assert.equal(live.size, 1);
  });
});
