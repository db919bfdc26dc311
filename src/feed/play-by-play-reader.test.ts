import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { requireDataDir } from '../../test/support/data.ts';
import { PlayByPlayReader } from './play-by-play-reader.ts';

const KEY = 'playbyplay_0022000001';
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

function action(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { actionNumber: n, clock: 'PT11M58.00S', period: 1, description: `play ${n}`, qualifiers: ['q'], ...extra };
}

function body(actions: unknown[], time = '2020-12-22 23:23:42.771674', space = ''): Buffer {
  const json = JSON.stringify({ meta: { version: 1, time }, game: { gameId: '0022000001', actions } }, null, space);
  return utf8(json);
}

/** Reads `bodies` in turn and checks every result against JSON.parse of the whole body. */
function readAll(reader: PlayByPlayReader, bodies: Buffer[]): unknown[] {
  return bodies.map((b) => {
    const read = reader.read(KEY, b);
    assert.deepEqual(read, JSON.parse(b.toString('utf8')));
    return read;
  });
}

describe('PlayByPlayReader', () => {
  it('parses only the actions added since the last body and reuses the rest as the same objects', () => {
    const reader = new PlayByPlayReader();
    const first = [action(1), action(2), action(4)];
    const [a, b] = readAll(reader, [body(first), body([...first, action(5), action(7)], '2020-12-22 23:23:52.1')]) as { game: { actions: object[] } }[];
    assert.equal(b!.game.actions[0], a!.game.actions[0]);
    assert.equal(b!.game.actions[2], a!.game.actions[2]);
    assert.deepEqual(reader.stats, { incremental: 1, whole: 1, actionsReused: 3, actionsParsed: 5 });
  });

  it('parses only an edited action, reusing those before and after it, and parses nothing for a deletion', () => {
    const reader = new PlayByPlayReader();
    const base = [action(1), action(2), action(3), action(4)];
    const [first, edited, deleted] = readAll(reader, [
      body(base),
      body([action(1), action(2, { description: 'play 2 (edited)' }), action(3), action(4)]),
      body([action(1), action(2, { description: 'play 2 (edited)' }), action(4)]),
    ]) as { game: { actions: { description: string }[] } }[];
    assert.equal(edited!.game.actions[1]!.description, 'play 2 (edited)');
    assert.equal(edited!.game.actions[0], first!.game.actions[0]);
    assert.equal(edited!.game.actions[3], first!.game.actions[3]);
    assert.deepEqual(deleted!.game.actions.map((x) => x.description), ['play 1', 'play 2 (edited)', 'play 4']);
    assert.equal(deleted!.game.actions[2], first!.game.actions[3]);
    // 4 parsed at first; then the edit alone; then nothing.
    assert.deepEqual(reader.stats, { incremental: 2, whole: 1, actionsReused: 3 + 3, actionsParsed: 4 + 1 });
  });

  it('parses an action filed late in the middle, and only it', () => {
    const reader = new PlayByPlayReader();
    const [before, after] = readAll(reader, [
      body([action(1), action(2), action(4), action(5)]),
      body([action(1), action(2), action(3), action(4), action(5)]),
    ]) as { game: { actions: object[] } }[];
    assert.equal(after!.game.actions[3], before!.game.actions[2]);
    assert.equal(reader.stats.actionsParsed, 4 + 1);
  });

  it('handles an emptied array, an unchanged body, a shorter one and whitespace anywhere', () => {
    const reader = new PlayByPlayReader();
    readAll(reader, [
      body([]),
      body([action(1)]),
      body([action(1)]),
      body([action(1), action(2)], 'later', '  '),
      body([action(1), action(2)], 'later still', '  '),
      body([action(1)]),
      body([]),
      utf8(' \n{ "game" : { "actions" : [ {"actionNumber":1} ,\t{"actionNumber":2} ] , "gameId":"0022000001" } , "meta":{} }\r\n'),
      utf8(' \n{ "game" : { "actions" : [ {"actionNumber":1} ,\t{"actionNumber":2},{"actionNumber":3} ] , "gameId":"0022000001" } , "meta":{} }\r\n'),
    ]);
  });

  it('is not fooled by braces, brackets, quotes and escapes inside strings, or by non-ASCII text', () => {
    const reader = new PlayByPlayReader();
    const tricky = [
      action(1, { description: 'Brown 3PT } ] , {"x": [' }),
      action(2, { description: 'quote \\" backslash \\\\ "end' }),
      action(3, { description: 'Dončić 2’ 🏀 \u2028 \u0000' }),
    ];
    readAll(reader, [body(tricky), body([...tricky, action(4, { description: '}]}' })]), body([...tricky.slice(0, 2), action(3), action(4)])]);
  });

  it('reads a body with a UTF-8 byte order mark', () => {
    const reader = new PlayByPlayReader();
    const withBom = (b: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);
    const bodies = [withBom(body([action(1)])), withBom(body([action(1), action(2)]))];
    for (const b of bodies) assert.deepEqual(reader.read(KEY, b), JSON.parse(b.subarray(3).toString('utf8')));
    assert.equal(reader.stats.incremental, 1);
  });

  it('gives what JSON.parse gives for layouts it does not walk (duplicate or escaped keys, other shapes)', () => {
    const reader = new PlayByPlayReader();
    const odd = [
      '{"game":{"actions":[{"actionNumber":1}]},"game":{"actions":[]}}',
      '{"game":{"actions":[{"actionNumber":1}],"actions":[{"actionNumber":9}]}}',
      '{"game":{"act\\u0069ons":[{"actionNumber":1}],"actions":[]}}',
      '{"game":{"actions":{"0":1}}}',
      '{"game":[1,2]}',
      '[1,2,3]',
      '"just a string"',
      '{}',
    ];
    for (const text of odd) assert.deepEqual(reader.read(KEY, utf8(text)), JSON.parse(text), text);
  });

  it('throws what JSON.parse throws for broken JSON, and recovers on the next good body', () => {
    const reader = new PlayByPlayReader();
    const good = body([action(1), action(2)]);
    reader.read(KEY, good);
    const broken = [
      good.subarray(0, good.length - 10),
      utf8(good.toString().replace('"play 2"', '"play 2')),
      utf8(`${good.toString()}x`),
      utf8(good.toString().replace('"actionNumber":2', '"actionNumber":2,')),
      utf8('<html><title>Access Denied</title></html>'),
      utf8(''),
    ];
    for (const b of broken) {
      const text = b.toString('utf8');
      assert.throws(() => JSON.parse(text), SyntaxError);
      assert.throws(() => reader.read(KEY, b), (error: unknown) => {
        assert.ok(error instanceof SyntaxError);
        assert.throws(() => JSON.parse(text), { message: error.message });
        return true;
      });
    }
    readAll(reader, [good, body([action(1), action(2), action(3)])]);
  });

  it('hands out actions that cannot be changed behind its back', () => {
    const reader = new PlayByPlayReader();
    const read = reader.read(KEY, body([action(1)])) as { game: { actions: Record<string, unknown>[] } };
    assert.throws(() => {
      read.game.actions[0]!.description = 'changed';
    }, TypeError);
  });

  it('keeps one previous body per document, for at most `maxDocuments` of them', () => {
    const reader = new PlayByPlayReader(2);
    const doc = body([action(1), action(2)]);
    for (const key of ['a', 'b', 'c']) reader.read(key, doc);
    reader.read('a', doc); // evicted: parsed whole again
    reader.read('c', doc);
    assert.deepEqual({ incremental: reader.stats.incremental, whole: reader.stats.whole }, { incremental: 1, whole: 4 });
  });

  it('matches JSON.parse over random sequences of appends, edits and deletions', () => {
    let seed = 20171122;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const reader = new PlayByPlayReader();
    const actions: Record<string, unknown>[] = [];
    let next = 1;
    for (let step = 0; step < 400; step++) {
      const r = random();
      if (r < 0.6 || actions.length === 0) for (let k = Math.floor(random() * 4); k >= 0; k--) actions.push(action(next++, { x: random() }));
      else if (r < 0.8) actions[Math.floor(random() * actions.length)] = action(next++, { description: `edit } "${step}"` });
      else actions.splice(Math.floor(random() * actions.length), 1);
      readAll(reader, [body(actions, `t${step}`, random() < 0.1 ? ' ' : '')]);
    }
    assert.ok(reader.stats.actionsReused > reader.stats.actionsParsed, JSON.stringify(reader.stats));
  });

  it('reads the real play-by-play document as it grew, action by action', (t) => {
    const dataDir = requireDataDir(t);
    if (!dataDir) return;
    const real = JSON.parse(readFileSync(path.join(dataDir, 'live/playbyplay_0022000001.json'), 'utf8')) as { game: { actions: unknown[] } };
    const reader = new PlayByPlayReader();
    const all = real.game.actions;
    let checked = 0;
    for (let n = 0; n <= all.length; n += 37) {
      const grown = { ...real, game: { ...real.game, actions: all.slice(0, n) } };
      const b = utf8(JSON.stringify(grown));
      assert.deepEqual(reader.read(KEY, b), grown);
      checked += 1;
    }
    const whole = readFileSync(path.join(dataDir, 'live/playbyplay_0022000001.json'));
    assert.deepEqual(reader.read(KEY, whole), real);
    assert.ok(checked > 10 && reader.stats.incremental === checked, JSON.stringify(reader.stats));
  });
});
