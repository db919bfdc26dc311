/**
 * Where the protocol core's messages and older history come from. In one process the `Publisher`
 * numbers the pipeline's messages and logs them to the store; on an edge of several machines a
 * stream consumer would number nothing and hand over what the stream numbered. Either way the
 * core sees only these interfaces.
 */
import type { LoggedMessage } from '../domain/message-log.ts';
import type { BroadcastMessageType } from './sink.ts';

/** A per-game message (or a `feed_status`) numbered and serialized by its source, ready to fan out. */
export interface SequencedMessage {
  readonly seq: number;
  readonly type: BroadcastMessageType;
  /** Undefined for a message about the service (`feed_status`): every client gets it. */
  readonly gameId: string | undefined;
  readonly json: string;
}

/** A message as an archive keeps it: its seq and the JSON sent on the wire (the log's `LoggedMessage`). */
export type ArchivedMessage = LoggedMessage;

/** What a message source drives. */
export interface MessageTarget {
  /** Identifies the history `seq` belongs to. */
  readonly epoch: string;
  /** The seq of the last message delivered (0 before the first). */
  readonly seq: number;
  /**
   * Fans out the next message. Its seq must be `seq + 1` (else `out_of_sequence` and nothing
   * is sent): seqs are consecutive, so a replay can be proved to have no gap.
   */
  deliver(message: SequencedMessage): void;
  /** The history now goes on under another epoch: every client is told with a snapshot. */
  startEpoch(epoch: string): void;
}

/** History older than the core keeps in memory: the durable log, or a stream. */
export interface MessageArchive {
  /** Up to `limit` messages after `afterSeq`, oldest first; null when it cannot vouch for a complete replay. */
  messagesSince(epoch: string, afterSeq: number, limit: number): readonly ArchivedMessage[] | null;
}
