/**
 * Reading the `COURTSIDE` stream: where it stands (its epoch and last sequence), and its messages
 * in order from any sequence, through an ordered consumer that the client library re-creates from
 * the last message seen whenever a node or the connection goes away.
 */
import { DeliverPolicy, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { epochOf, STREAM } from './names.ts';

export interface StreamHead {
  readonly epoch: string;
  /** 0 when the stream is empty. */
  readonly firstSeq: number;
  readonly lastSeq: number;
}

/**
 * A stream message: its sequence (the protocol's `seq`), its body (the message's JSON), and how many
 * more messages its consumer had waiting behind it when it came.
 */
export type StreamMessage = { readonly seq: number; readonly json: string; readonly pending?: number };

export async function streamHead(jsm: JetStreamManager): Promise<StreamHead> {
  const info = await jsm.streams.info(STREAM);
  return { epoch: epochOf(info.created), firstSeq: info.state.messages === 0 ? 0 : info.state.first_seq, lastSeq: info.state.last_seq };
}

export interface StreamTail {
  /** Resolves when the tail is stopped, or rejects with what broke it. */
  readonly ended: Promise<void>;
  stop(): void;
}

/** Hands every message from `fromSeq` on (only those on `subject`, if given) to `onMessage`, in order, until stopped. */
export async function tailStream(js: JetStreamClient, fromSeq: number, onMessage: (message: StreamMessage) => void, subject?: string): Promise<StreamTail> {
  const start = { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Math.max(1, fromSeq) } as const;
  // A string, not a list: NATS 2.9 filters a consumer by one subject (`filter_subject`).
  const consumer = await js.consumers.get(STREAM, subject === undefined ? start : { ...start, filter_subjects: subject });
  const messages = await consumer.consume({ max_messages: 512 });
  const ended = (async () => {
    for await (const m of messages) onMessage({ seq: m.info.streamSequence, json: m.string(), pending: m.info.pending });
  })();
  return { ended, stop: () => void messages.stop() };
}

/**
 * The seq of the first message on `subject` at or after `fromSeq`, or undefined when there is none
 * yet: asked of the stream's leader, so it counts every message stored before the question.
 */
export async function nextSeqOn(jsm: JetStreamManager, subject: string, fromSeq: number): Promise<number | undefined> {
  // NATS 2.9 answers `next_by_subj` on the plain message API; the client's type lists it for direct gets only.
  const found = await jsm.streams.getMessage(STREAM, { seq: Math.max(1, fromSeq), next_by_subj: subject } as unknown as { seq: number });
  return found?.seq;
}

/**
 * The messages from `fromSeq` through `toSeq`, in order (none when `toSeq` < `fromSeq`). Rejects
 * when no message arrives for `stallMs`: while the cluster elects a new stream leader the ordered
 * consumer waits silently, and a poller taking over must not hold the lease meanwhile.
 */
export async function readStream(js: JetStreamClient, fromSeq: number, toSeq: number, onMessage: (message: StreamMessage) => void, stallMs = 3_000): Promise<void> {
  if (toSeq < Math.max(1, fromSeq)) return;
  let done!: () => void;
  let stalled!: (error: Error) => void;
  const reached = new Promise<void>((resolve, reject) => {
    done = resolve;
    stalled = reject;
  });
  // Handled here as well as below: the stall may come while the consumer is still being made,
  // before anything awaits `reached`, and an unhandled rejection would end the process.
  reached.catch(() => undefined);
  let timer = setTimeout(() => stalled(new Error(`stream read stalled before seq ${fromSeq}`)), stallMs);
  let tail: StreamTail;
  try {
    tail = await tailStream(js, fromSeq, (message) => {
      if (message.seq > toSeq) return;
      clearTimeout(timer);
      timer = setTimeout(() => stalled(new Error(`stream read stalled after seq ${message.seq}`)), stallMs);
      onMessage(message);
      if (message.seq === toSeq) done();
    });
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
  try {
    await Promise.race([reached, tail.ended.then(() => Promise.reject(new Error(`stream ended before seq ${toSeq}`)))]);
  } finally {
    clearTimeout(timer);
    tail.stop();
  }
}
