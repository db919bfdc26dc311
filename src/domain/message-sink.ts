import type { DurableKey } from './message-log.ts';

/**
 * Where messages go out (the broadcaster): it stamps each with the next `seq` (the message already
 * carries its `timestamp`), logs it durably when it has a log, delivers it, and returns the seq.
 * The live pipeline hands it every per-game message and never learns about sockets.
 */
export interface MessageSink<Message> {
  /** `key`: the once-per-game record this message sends, marked sent in the write that logs it. */
  publish(message: Message, key?: DurableKey): number;
}
