import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { History, makeFrame } from './history.ts';
import { readPage, startResume, type Page, type ReplaySource } from './replay.ts';
import { MemoryLog } from './testing/memory-log.ts';

function source(seq: number, capacity: number, log?: MemoryLog): ReplaySource {
  const history = new History(capacity);
  for (let s = 1; s <= seq; s += 1) {
    const data = JSON.stringify({ type: 'score_update', seq: s, game_id: '0021700001' });
    history.append(makeFrame(s, 'score_update', '0021700001', Buffer.from(data)));
    log?.appendMessage(s, 'e1', data);
  }
  return { epoch: 'e1', seq, history, archive: log, encode: Buffer.from };
}

const seqsOf = (page: Page) => (page.ok ? page.frames.map((f) => f.seq) : page.reason);

/** Every page from `afterSeq` to the head, as a replay reads them. */
function readAll(src: ReplaySource, afterSeq: number, limit: number): Array<number[] | string> {
  const pages: Array<number[] | string> = [];
  for (let at = afterSeq; ; ) {
    const page = readPage(src, at, limit);
    const seqs = seqsOf(page);
    pages.push(seqs);
    if (!page.ok || page.frames.length === 0) return pages;
    at = page.frames.at(-1)?.seq ?? at;
  }
}

describe('startResume', () => {
  it('starts after the client\'s last seq, current or not', () => {
    assert.deepEqual(startResume(source(5, 10), { epoch: 'e1', lastSeq: 2, lastSentSeq: -1 }, 100), { ok: true, afterSeq: 2 });
    assert.deepEqual(startResume(source(5, 10), { epoch: 'e1', lastSeq: 5, lastSentSeq: 5 }, 100), { ok: true, afterSeq: 5 });
    assert.deepEqual(startResume(source(0, 10), { epoch: 'e1', lastSeq: 0, lastSentSeq: -1 }, 100), { ok: true, afterSeq: 0 });
  });

  it('names why a replay cannot be exact, or would not be worth it', () => {
    const reason = (r: ReturnType<typeof startResume>) => (r.ok ? r.afterSeq : r.reason);
    assert.equal(reason(startResume(source(5, 10), { epoch: 'e0', lastSeq: 2, lastSentSeq: -1 }, 100)), 'epoch changed');
    assert.equal(reason(startResume(source(5, 10), { epoch: 'e1', lastSeq: 6, lastSentSeq: -1 }, 100)), 'last_seq is ahead of the server');
    assert.equal(reason(startResume(source(5, 10), { epoch: 'e1', lastSeq: 2, lastSentSeq: 3 }, 100)), 'newer messages already sent on this connection');
    assert.equal(reason(startResume(source(5, 10), { epoch: 'e1', lastSeq: 1, lastSentSeq: -1 }, 3)), 'gap of 4 messages is beyond the resume window of 3');
    assert.equal(reason(startResume(source(5, 10), { epoch: 'e1', lastSeq: 2, lastSentSeq: -1 }, 3)), 2);
  });
});

describe('readPage', () => {
  it('reads the gap from memory a page at a time, then nothing at the head', () => {
    assert.deepEqual(readAll(source(7, 10), 2, 2), [[3, 4], [5, 6], [7], []]);
    assert.deepEqual(readAll(source(5, 10), 5, 2), [[]]);
  });

  it('says so when memory no longer holds the gap and there is no log', () => {
    assert.deepEqual(readAll(source(5, 2), 2, 10), ['gap older than history']);
  });

  it('reads pages from the durable log where memory no longer holds them, and from memory again where it does', () => {
    const log = new MemoryLog();
    const src = source(8, 2, log);
    const asked: number[] = [];
    const messagesSince = log.messagesSince.bind(log);
    log.messagesSince = (epoch, afterSeq, limit) => {
      asked.push(limit);
      return messagesSince(epoch, afterSeq, limit);
    };
    assert.deepEqual(readAll(src, 1, 3), [[2, 3, 4], [5, 6, 7], [8], []]);
    assert.deepEqual(asked, [3, 3], 'never more than a page from the log');
    log.prune(4);
    assert.deepEqual(readAll(src, 3, 3), ['gap older than the message log']);
  });

  it('reports a log that fails or returns something else than the gap', () => {
    const log = new MemoryLog();
    const src = source(4, 1, log);
    const row = log.rows[1];
    if (row) row.json = JSON.stringify({ type: 'score_update', seq: 7, game_id: '0021700001' });
    const page = readPage(src, 0, 10);
    assert.equal(page.ok, false);
    assert.equal(!page.ok && page.failure, 'logged message 2 is not the broadcast message expected at seq 2');
    log.messagesSince = () => {
      throw new Error('database is locked');
    };
    assert.deepEqual(readPage(src, 0, 10), { ok: false, reason: 'message log unreadable', failure: 'database is locked' });
  });

  it('turns an archive’s gap rows into gap frames, in place, and still checks their seqs', () => {
    const json = (seq: number) => JSON.stringify({ type: 'score_update', seq, game_id: '0021700001' });
    const rows: Array<{ seq: number; json: string } | { seq: number; gap: true }> = [{ seq: 1, json: json(1) }, { seq: 2, gap: true }, { seq: 3, gap: true }, { seq: 4, json: json(4) }];
    const archive = { messagesSince: (_epoch: string, afterSeq: number, limit: number) => rows.filter((row) => row.seq > afterSeq).slice(0, limit) };
    const src: ReplaySource = { epoch: 'e1', seq: 4, history: new History(0), archive, encode: Buffer.from };
    const page = readPage(src, 0, 10);
    assert.deepEqual(page.ok && page.frames.map((f) => [f.seq, f.gap === true, f.wire.length > 0]), [[1, false, true], [2, true, false], [3, true, false], [4, false, true]]);
    assert.deepEqual(readAll(src, 1, 2), [[2, 3], [4], []]);
    rows[1] = { seq: 7, gap: true };
    const wrong = readPage(src, 0, 10);
    assert.equal(!wrong.ok && wrong.failure, 'logged gap 7 is not at seq 2');
  });
});
