/** Another source's stream, as an edge would consume it: numbered and archived there, not here. */
import type { ArchivedMessage, MessageArchive, SequencedMessage } from '../source.ts';
import { GAME_A, scoreUpdate } from './fixtures.ts';

export class StreamArchive implements MessageArchive {
  readonly epoch: string;
  readonly messages: SequencedMessage[] = [];
  /** How many times `resume` read from it. */
  reads = 0;

  constructor(epoch: string) {
    this.epoch = epoch;
  }

  /** The stream's next message: a score of game A, numbered `seq`. */
  add(seq: number): SequencedMessage {
    const message: SequencedMessage = { seq, type: 'score_update', gameId: GAME_A, json: JSON.stringify({ ...scoreUpdate(GAME_A, seq, 0), seq }) };
    this.messages.push(message);
    return message;
  }

  messagesSince(epoch: string, afterSeq: number, limit: number): readonly ArchivedMessage[] | null {
    this.reads += 1;
    if (epoch !== this.epoch) return null;
    return this.messages.filter((m) => m.seq > afterSeq).slice(0, limit);
  }
}
