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

/**
 * A seq whose message the archive does not hold: a message of a game the server that keeps it
 * did not follow (an edge follows only its clients' games). A replay skips it.
 */
export interface ArchivedGap {
  readonly seq: number;
  readonly gap: true;
}

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

/**
 * A target fed only the messages of the games its clients follow (an edge of a stream whose seq is
 * shared by every game): the other seqs are skipped as gaps, and a game followed later has its past
 * messages filled in where its gaps were.
 */
export interface SparseTarget extends MessageTarget {
  /**
   * Seqs `seq + 1` through `toSeq` are messages of games no client follows: kept as gaps (so seqs
   * stay consecutive) and sent to no one; `seq` becomes `toSeq`. `toSeq` below `seq` throws
   * `out_of_sequence`; equal to it, nothing happens.
   */
  skipTo(toSeq: number): void;
  /**
   * A message from at or before `seq` that belongs where a gap is: it replaces the gap in memory
   * (if still held) for later resumes, and is sent to no one now. A seq above `seq` throws
   * `out_of_sequence`.
   */
  fill(message: SequencedMessage): void;
  /**
   * The games the connected clients follow, together; undefined when any client follows every
   * game. A client whose greeting or subscribe waits on `hold` counts with the games it asked for.
   */
  wantedGames(): ReadonlySet<string> | undefined;
}

/**
 * A source that holds only the games its clients follow (an edge) readies them first: undefined
 * when `games` (undefined: every game) are held already, else a promise that resolves once they are.
 */
export type GameHold = (games: ReadonlySet<string> | undefined) => Promise<void> | undefined;

/** History older than the core keeps in memory: the durable log, or a stream. */
export interface MessageArchive {
  /**
   * Up to `limit` entries after `afterSeq`, oldest first and consecutive (a gap stands for a message
   * the archive does not hold); null when it cannot vouch for a complete replay.
   */
  messagesSince(epoch: string, afterSeq: number, limit: number): readonly (ArchivedMessage | ArchivedGap)[] | null;
}
