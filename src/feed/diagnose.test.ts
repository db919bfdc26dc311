import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBody, describeJsonProblem, jsonPath } from './diagnose.ts';

const parseError = (text: string): unknown => {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  return assert.fail('expected a parse error');
};

test('bodies are named by what they are', () => {
  assert.equal(describeBody(''), 'empty body');
  assert.equal(describeBody('<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>'), 'HTML page "Service Unavailable"');
  assert.equal(describeBody('<html><body>nothing to see</body></html>'), 'HTML page');
  assert.equal(describeBody(`oops ${'x'.repeat(200)}`), `body "oops ${'x'.repeat(75)}…"`);
});

test('a cut-off document is told apart from one that is just malformed', () => {
  for (const cut of ['{"game":{"actions":[1,2', '{"game":"abc', '{"a":"\\"}', '[']) {
    assert.match(describeJsonProblem(cut, parseError(cut)), /^truncated JSON: the document ends unfinished after \d+ bytes$/, cut);
  }
  for (const bad of ['{"a":1}}', '{"a":01}', 'null x']) {
    assert.match(describeJsonProblem(bad, parseError(bad)), /^invalid JSON \(\d+ bytes\): /, bad);
  }
  assert.equal(describeJsonProblem('  ', parseError('  ')), 'empty body where JSON was expected');
  assert.equal(describeJsonProblem('<html><title>Oops</title></html>', parseError('<')), 'not JSON: HTML page "Oops"');
});

test('JSON paths read like the document', () => {
  assert.equal(jsonPath(['game', 'actions', 3, 'scoreHome']), 'game.actions[3].scoreHome');
  assert.equal(jsonPath([0, 'a']), '[0].a');
  assert.equal(jsonPath([]), '$');
});
