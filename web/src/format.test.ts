import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageText, componentLabel, leadPhrase, nightLabel, one, phaseText, signedInt, signedOne, statusText } from './format.ts';

const base = {
  away_team: 'LAL',
  home_team: 'BOS',
  away_score: 0,
  home_score: 0,
  differential: 0,
  period: 0,
  clock: '',
  game_date: '2017-10-17',
  start_time: '2017-10-17T23:30:00Z',
};

test('numbers read with one decimal, never -0.0', () => {
  assert.equal(one(15), '15.0');
  assert.equal(one(-3.14), '-3.1');
  assert.equal(one(-0.04), '0.0');
  assert.equal(signedOne(4.2), '+4.2');
  assert.equal(signedOne(-4.2), '-4.2');
  assert.equal(signedOne(0.01), '0.0');
  assert.equal(signedInt(6), '+6');
  assert.equal(signedInt(-6), '-6');
});

test('leads name the leading team (home minus away)', () => {
  assert.equal(leadPhrase(5, 'BOS', 'LAL'), 'BOS by 5');
  assert.equal(leadPhrase(-3.25, 'BOS', 'LAL', 1), 'LAL by 3.3');
  assert.equal(leadPhrase(0, 'BOS', 'LAL'), 'level');
});

test('statuses: tip time, quarter and clock, overtime, halftime, final', () => {
  assert.equal(statusText({ ...base, status: 'Scheduled' }, 'America/New_York'), 'Tip 7:30 PM');
  assert.equal(statusText({ ...base, status: 'In Progress', period: 2, clock: '05:32' }), 'Q2 5:32');
  assert.equal(statusText({ ...base, status: 'In Progress', period: 2, clock: '' }), 'Q2');
  assert.equal(statusText({ ...base, status: 'In Progress', period: 1, clock: '00:00' }), 'End of Q1');
  assert.equal(statusText({ ...base, status: 'In Progress', period: 2, clock: '00:01' }), 'Q2 0:01');
  assert.equal(statusText({ ...base, status: 'In Progress', period: 6, clock: '01:00' }), '2OT 1:00');
  assert.equal(statusText({ ...base, status: 'Halftime', period: 2 }), 'Halftime');
  assert.equal(statusText({ ...base, status: 'Final', period: 4 }), 'Final');
  assert.equal(statusText({ ...base, status: 'Final', period: 5 }), 'Final/OT');
});

test('games that are off read as such, never as a tip time', () => {
  assert.equal(statusText({ ...base, status: 'TBD' }, 'America/New_York'), 'TBD');
  assert.equal(statusText({ ...base, status: 'Postponed' }, 'America/New_York'), 'Postponed');
  assert.equal(statusText({ ...base, status: 'Cancelled' }, 'America/New_York'), 'Cancelled');
});

test('the night is the game date itself, whatever the browser time zone', () => {
  assert.equal(nightLabel('2017-10-17'), 'Tue, Oct 17, 2017');
});

test('freshness and component names', () => {
  assert.equal(ageText(2), 'just now');
  assert.equal(ageText(42), '42 s ago');
  assert.equal(ageText(600), '10 min ago');
  assert.equal(componentLabel('dejavu_prediction'), 'Dejavu');
  assert.equal(componentLabel('lstm_prediction'), 'LSTM');
  assert.equal(componentLabel('gradient_boost_prediction'), 'Gradient boost');
});

test('a game past halftime reads as its phase and who leads', () => {
  assert.equal(phaseText({ kind: 'halftime', lead: 13 }, 'CLE', 'BOS'), 'Halftime · CLE by 13');
  assert.equal(phaseText({ kind: 'second_half', lead: -5 }, 'CLE', 'BOS'), '2nd half · BOS by 5');
  assert.equal(phaseText({ kind: 'overtime', lead: 0 }, 'CLE', 'BOS'), 'Overtime · level');
  assert.equal(phaseText({ kind: 'final', lead: 8 }, 'CLE', 'BOS'), 'Final · CLE won by 8');
  assert.equal(phaseText({ kind: 'final', lead: -1 }, 'CLE', 'BOS'), 'Final · BOS won by 1');
});
