import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as turn, setTimeout as delay } from 'node:timers/promises';
import { History, makeFrame, type Frame } from './history.ts';
import { readPage, type Page } from './replay.ts';
import { ReplayQueue, type ReplayHandlers } from './replay-queue.ts';

class Target {
  bufferedAmount = 0;
  readonly got: number[] = [];
  constructor(readonly name: string) {}
}

interface Run {
  readonly queue: ReplayQueue<Target>;
  readonly history: History;
  readonly events: string[];
  /** Deliveries in the order they happened, with the synchronous task each ran in. */
  readonly deliveries: Array<{ target: string; seqs: number[]; task: number }>;
  publish(count: number): void;
}

function frame(seq: number): Frame {
  return makeFrame(seq, 'score_update', '0021700001', Buffer.from(`{"seq":${seq}}`));
}

function setUp(published: number, pageSize: number, overrides: Partial<ReplayHandlers<Target>> = {}, pacing = { paceBytes: 100, stallMs: 1_000 }, now?: () => number, capacity = 1_000): Run {
  const history = new History(capacity);
  let head = 0;
  const publish = (count: number): void => {
    for (let i = 0; i < count; i += 1) history.append(frame(++head));
  };
  publish(published);
  const events: string[] = [];
  const deliveries: Run['deliveries'] = [];
  // A new task number once the current synchronous run is over: two deliveries with the same number shared a turn.
  let task = 0;
  let taskOpen = false;
  const currentTask = (): number => {
    if (!taskOpen) {
      taskOpen = true;
      task += 1;
      queueMicrotask(() => (taskOpen = false));
    }
    return task;
  };
  const handlers: ReplayHandlers<Target> = {
    read: (afterSeq): Page => readPage({ epoch: 'e', seq: head, history, archive: undefined, encode: Buffer.from }, afterSeq, pageSize),
    head: () => head,
    deliver: (target, frames) => {
      const seqs = frames.map((f) => f.seq);
      target.got.push(...seqs);
      deliveries.push({ target: target.name, seqs, task: currentTask() });
      return true;
    },
    finished: (target) => void events.push(`finished ${target.name}`),
    failed: (target, page) => void events.push(`failed ${target.name}: ${page.reason}`),
    stalled: (target) => void events.push(`stalled ${target.name}`),
    ...overrides,
  };
  return { queue: new ReplayQueue(pacing, handlers, now), history, events, deliveries, publish };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    assert.ok(performance.now() < deadline, 'timed out');
    await delay(1);
  }
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('ReplayQueue', { timeout: 10_000 }, () => {
  it('sends one page per turn, taking turns between clients, until each reaches the head', async () => {
    const run = setUp(10, 3);
    const a = new Target('a');
    const b = new Target('b');
    run.queue.start(a, 0);
    run.queue.start(b, 4);
    assert.equal(run.deliveries.length, 0, 'nothing in the turn that asked');
    await until(() => run.queue.size === 0);
    assert.deepEqual(a.got, range(1, 10));
    assert.deepEqual(b.got, range(5, 10));
    assert.deepEqual(run.deliveries.map((d) => `${d.target}:${d.seqs.join(',')}`), ['a:1,2,3', 'b:5,6,7', 'a:4,5,6', 'b:8,9,10', 'a:7,8,9', 'a:10']);
    const tasks = run.deliveries.map((d) => d.task);
    assert.equal(new Set(tasks).size, tasks.length, 'no two pages in one turn');
    assert.deepEqual(run.events, ['finished b', 'finished a']);
  });

  it('follows the head as it moves, so messages published meanwhile come in order with the last page', async () => {
    const a = new Target('a');
    const run: Run = setUp(5, 2, {
      deliver: (target, frames) => {
        target.got.push(...frames.map((f) => f.seq));
        // Three more published between the first page and the second.
        if (target.got.length === 2) run.publish(3);
        return true;
      },
    });
    run.queue.start(a, 0);
    await until(() => run.queue.size === 0);
    assert.deepEqual(a.got, range(1, 8));
    assert.deepEqual(run.events, ['finished a']);
  });

  it('waits while a client\'s buffer is above paceBytes, and gives up on it after stallMs', async () => {
    let now = 0;
    const stuck = new Target('stuck');
    const reader = new Target('reader');
    const run = setUp(10, 3, {
      deliver: (target, frames) => {
        target.got.push(...frames.map((f) => f.seq));
        // Its socket takes this page and nothing more.
        if (target === stuck) stuck.bufferedAmount = 5_000;
        return true;
      },
    }, { paceBytes: 100, stallMs: 1_000 }, () => now);
    stuck.bufferedAmount = 101;
    run.queue.start(stuck, 0);
    run.queue.start(reader, 0);
    await until(() => run.events.includes('finished reader'));
    assert.deepEqual(stuck.got, [], 'not a page while its buffer is full');
    now = 999;
    stuck.bufferedAmount = 100;
    await until(() => stuck.got.length > 0);
    // The queue finds it held back again at 999, its clock standing still.
    await delay(30);
    now = 1_998;
    await delay(30);
    assert.deepEqual(run.events, ['finished reader'], 'the wait starts again after each page it takes');
    now = 1_999;
    await until(() => run.events.length === 2);
    assert.deepEqual(run.events, ['finished reader', 'stalled stuck']);
    assert.deepEqual(stuck.got, [1, 2, 3]);
    assert.equal(run.queue.size, 0);
  });

  it('ends a replay whose gap can no longer be read, and one whose client was closed mid-page', async () => {
    const overwritten = setUp(4, 2, {}, undefined, undefined, 2);
    const lost = new Target('lost');
    overwritten.queue.start(lost, 0);
    const closed = new Target('closed');
    const run = setUp(4, 2, { deliver: (target) => target !== closed });
    run.queue.start(closed, 0);
    await until(() => run.queue.size === 0 && overwritten.queue.size === 0);
    assert.deepEqual(overwritten.events, ['failed lost: gap older than history']);
    assert.deepEqual(run.events, [], 'the closed client is dropped, neither finished nor failed');
  });

  it('replaces a running replay on start, and drops it on forget or stop', async () => {
    const run = setUp(6, 2);
    const a = new Target('a');
    const b = new Target('b');
    run.queue.start(a, 0);
    run.queue.start(a, 4);
    await until(() => run.queue.size === 0);
    assert.deepEqual(a.got, [5, 6]);
    run.queue.start(a, 0);
    run.queue.forget(a);
    run.queue.start(b, 0);
    run.queue.stop();
    await turn();
    await turn();
    assert.deepEqual(a.got, [5, 6]);
    assert.deepEqual(b.got, []);
    assert.equal(run.queue.size, 0);
  });

  it('says when no replay is left running', async () => {
    const run = setUp(6, 2);
    await run.queue.idle();
    const a = new Target('a');
    run.queue.start(a, 0);
    let idle = false;
    const waiting = run.queue.idle().then(() => (idle = true));
    assert.equal(idle, false);
    await waiting;
    assert.deepEqual(a.got, range(1, 6));
    run.queue.start(a, 0);
    const stopped = run.queue.idle();
    run.queue.stop();
    await stopped;
  });
});
