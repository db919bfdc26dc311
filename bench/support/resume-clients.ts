/**
 * Child process of the resume bench: on `go`, `--clients` WebSocket clients connect at once, each
 * resuming from `--last-seq` in its URL, and read until `--head`. Reports how long each took to
 * have the whole gap, and whether each got it exactly once and in order.
 */
import { WebSocket } from 'ws';
import { numberArg, stringArg } from './args.ts';

export interface ClientsLoaded {
  readonly type: 'clients_loaded';
}

export interface ResumeReport {
  readonly type: 'resume_report';
  /** Per client, ms from `go` to its last message of the gap (NaN: never got there). */
  readonly doneMs: number[];
  /** Clients whose messages were exactly lastSeq+1..head, in order. */
  readonly exact: number;
  readonly messages: number;
  /** Close codes of clients the server closed before the end. */
  readonly closedEarly: number[];
}

const url = stringArg('--url');
const epoch = stringArg('--epoch');
const clients = numberArg('--clients');
const lastSeq = numberArg('--last-seq');
const head = numberArg('--head');

function resume(startedAt: number): Promise<{ doneMs: number; exact: boolean; messages: number; closeCode?: number }> {
  return new Promise((resolve) => {
    let expected = lastSeq + 1;
    let exact = true;
    let messages = 0;
    const ws = new WebSocket(`${url}?epoch=${encodeURIComponent(epoch)}&last_seq=${lastSeq}`, { perMessageDeflate: false });
    ws.on('error', () => {});
    ws.on('message', (data) => {
      messages += 1;
      const seq = (JSON.parse(String(data)) as { seq: number }).seq;
      if (seq !== expected) exact = false;
      expected = seq + 1;
      if (seq >= head) {
        const doneMs = performance.now() - startedAt;
        ws.terminate();
        resolve({ doneMs, exact, messages });
      }
    });
    ws.once('close', (code) => resolve({ doneMs: Number.NaN, exact: false, messages, closeCode: code }));
  });
}

process.on('message', async (message) => {
  if (message !== 'go') return;
  const startedAt = performance.now();
  const results = await Promise.all(Array.from({ length: clients }, () => resume(startedAt)));
  process.send?.({
    type: 'resume_report',
    doneMs: results.map((r) => r.doneMs),
    exact: results.filter((r) => r.exact && r.messages === head - lastSeq).length,
    messages: results.reduce((n, r) => n + r.messages, 0),
    closedEarly: results.flatMap((r) => (r.closeCode === undefined ? [] : [r.closeCode])),
  } satisfies ResumeReport);
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'clients_loaded' } satisfies ClientsLoaded);
