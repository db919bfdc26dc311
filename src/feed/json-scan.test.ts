import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstDifference, plainKey, sameSuffix, skipValue } from './json-scan.ts';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('json-scan', () => {
  it('firstDifference finds the first differing byte, or the shorter length', () => {
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 300; round++) {
      const a = Buffer.alloc(random(5000), 'x');
      const b = Buffer.concat([a.subarray(0, random(a.length + 1)), Buffer.alloc(random(300), 'x')]);
      if (b.length > 0 && random(2) === 0) b[random(b.length)] = 0x79;
      const aStart = random(Math.min(10, a.length + 1));
      const bStart = random(Math.min(10, b.length + 1));
      let naive = 0;
      while (aStart + naive < a.length && bStart + naive < b.length && a[aStart + naive] === b[bStart + naive]) naive++;
      assert.equal(firstDifference(a, aStart, b, bStart), naive, `round ${round}`);
    }
  });

  it('sameSuffix counts the trailing bytes two buffers share', () => {
    let seed = 11;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 300; round++) {
      const a = Buffer.alloc(random(5000), 'x');
      const b = Buffer.concat([Buffer.alloc(random(300), 'x'), a.subarray(random(a.length + 1))]);
      if (b.length > 0 && random(2) === 0) b[random(b.length)] = 0x79;
      let naive = 0;
      while (naive < a.length && naive < b.length && a[a.length - 1 - naive] === b[b.length - 1 - naive]) naive++;
      assert.equal(sameSuffix(a, b), naive, `round ${round}`);
    }
  });

  it('skipValue ends each kind of value where JSON does, and reports a cut-off one', () => {
    const cases: Array<[string, number]> = [
      ['{"a":[1,{"b":"}]"}]} tail', 20],
      ['"say \\"hi\\"",', 12],
      ['-12.5e3,', 7],
      ['true]', 4],
      ['[[[]]]x', 6],
    ];
    for (const [text, end] of cases) assert.equal(skipValue(bytes(text), 0), end, text);
    for (const cut of ['{"a":1', '"open', '[1,2', '']) assert.equal(skipValue(bytes(cut), 0), -1, cut);
  });

  it('plainKey reads plain ASCII keys and declines escaped or non-ASCII ones', () => {
    const key = (text: string) => plainKey(bytes(text), 0, bytes(text).length);
    assert.equal(key('"actions"'), 'actions');
    assert.equal(key('"act\\u0069ons"'), undefined);
    assert.equal(key('"jeu_é"'), undefined);
  });
});
