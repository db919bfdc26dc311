import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Emitter } from './emitter.ts';

test('listeners hear their event in order; the returned function and off() stop them', () => {
  const e = new Emitter<{ score: number; status: string }>();
  const heard: string[] = [];
  const stop = e.on('score', (n) => heard.push(`a${n}`));
  const b = (n: number) => heard.push(`b${n}`);
  e.on('score', b);
  e.on('status', (s) => heard.push(s));
  e.emit('score', 1);
  stop();
  e.emit('score', 2);
  e.off('score', b);
  e.emit('score', 3);
  e.emit('status', 'up');
  e.clear();
  e.emit('status', 'down');
  assert.deepEqual(heard, ['a1', 'b1', 'b2', 'up']);
});

test('a listener that throws does not stop the others; its error is reported on its own', () => {
  const reported: unknown[] = [];
  const e = new Emitter<{ score: number }>((error) => reported.push(error));
  const heard: number[] = [];
  e.on('score', (n) => {
    throw new Error(`listener failed on ${n}`);
  });
  e.on('score', (n) => heard.push(n));
  e.emit('score', 1);
  e.emit('score', 2);
  assert.deepEqual(heard, [1, 2]);
  assert.deepEqual(reported.map((r) => (r as Error).message), ['listener failed on 1', 'listener failed on 2']);
});

test('a listener added or removed during an emit takes effect from the next one', () => {
  const e = new Emitter<{ tick: number }>();
  const heard: string[] = [];
  const late = (n: number) => heard.push(`late${n}`);
  e.on('tick', (n) => {
    heard.push(`first${n}`);
    e.on('tick', late);
  });
  e.emit('tick', 1);
  e.emit('tick', 2);
  assert.deepEqual(heard, ['first1', 'first2', 'late2']);
});
