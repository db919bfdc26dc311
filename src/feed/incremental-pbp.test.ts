import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { requireDataDir } from '../../test/support/data.ts';
import { describeSchemaIssues } from './diagnose.ts';
import { IncrementalPlayByPlaySchema } from './incremental-pbp.ts';
import { PlayByPlayDocument } from './nba-schemas.ts';

const action = (n: number, extra: Record<string, unknown> = {}) => ({
  actionNumber: n, orderNumber: n * 10_000, clock: 'PT11M00.00S', period: 1, periodType: 'REGULAR',
  actionType: '2pt', shotResult: 'Made', scoreHome: String(n * 2), scoreAway: '0', description: 'layup', ...extra,
});
const doc = (actions: object[]) => ({ game: { gameId: '0021700001', actions } });
const failure = (r: ReturnType<IncrementalPlayByPlaySchema['safeParse']>): string => (r.success ? 'passed' : describeSchemaIssues(r.error));

describe('IncrementalPlayByPlaySchema', () => {
  it('accepts what the whole-document schema accepts, and returns the document', () => {
    const s = new IncrementalPlayByPlaySchema();
    const d = doc([action(1), action(2)]);
    const r = s.safeParse(d);
    assert.ok(r.success);
    assert.equal(r.data, d);
    assert.ok(PlayByPlayDocument.safeParse(d).success);
  });

  it('checks every new or changed action, naming the same path as the full schema', () => {
    const s = new IncrementalPlayByPlaySchema();
    s.safeParse(doc([action(1), action(2)]));
    const edited = doc([action(1), action(2, { scoreHome: 4 })]); // a number where the feed sends a string
    assert.equal(failure(s.safeParse(edited)), failure(PlayByPlayDocument.safeParse(edited) as never));
    assert.match(failure(s.safeParse(edited)), /game\.actions\[1\]\.scoreHome/);
    const added = doc([action(1), action(2), action(3, { clock: undefined })]);
    assert.match(failure(s.safeParse(added)), /game\.actions\[2\]\.clock/);
  });

  it('never trusts an action that failed before, nor one under another game', () => {
    const s = new IncrementalPlayByPlaySchema();
    const bad = doc([action(1, { period: 0 })]);
    assert.equal(s.safeParse(bad).success, false);
    assert.equal(s.safeParse(bad).success, false);
    s.safeParse(doc([action(1)]));
    assert.equal(s.safeParse({ game: { gameId: '0021700002', actions: [action(1, { period: 0 })] } }).success, false);
  });

  it('trusts a frozen action it passed before by identity, and only that', () => {
    const s = new IncrementalPlayByPlaySchema();
    const good = Object.freeze(action(1));
    const bad = Object.freeze(action(2, { period: 0 }));
    assert.ok(s.safeParse(doc([good])).success);
    assert.equal(s.safeParse(doc([good, bad])).success, false);
    assert.match(failure(s.safeParse(doc([good, bad]))), /game\.actions\[1\]\.period/);
    // Under another game too: an action's validity does not depend on its game.
    assert.ok(s.safeParse({ game: { gameId: '0021700002', actions: [good] } }).success);
  });

  it('checks again an unfrozen action changed in place since it passed', () => {
    const s = new IncrementalPlayByPlaySchema();
    const a: Record<string, unknown> = action(1);
    assert.ok(s.safeParse(doc([a])).success);
    a.scoreHome = 'two';
    assert.match(failure(s.safeParse(doc([a]))), /game\.actions\[0\]\.scoreHome/);
  });

  it('rejects a broken envelope', () => {
    const s = new IncrementalPlayByPlaySchema();
    assert.match(failure(s.safeParse({ game: { gameId: 'x', actions: [] } })), /game\.gameId/);
    assert.match(failure(s.safeParse({ game: { gameId: '0021700001' } })), /game\.actions/);
    assert.match(failure(s.safeParse({ game: { gameId: '0021700001', actions: {} } })), /game\.actions/);
  });

  it('agrees with the full schema on a real game, every prefix of it', (t) => {
    const dir = requireDataDir(t, 'live/playbyplay_0022000001.json');
    if (!dir) return;
    const real = JSON.parse(readFileSync(path.join(dir, 'live/playbyplay_0022000001.json'), 'utf8'));
    const s = new IncrementalPlayByPlaySchema();
    for (let n = 50; n <= real.game.actions.length; n += 50) {
      assert.ok(s.safeParse({ ...real, game: { ...real.game, actions: real.game.actions.slice(0, n) } }).success);
    }
  });
});
