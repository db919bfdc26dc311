/**
 * Validation of play-by-play documents that checks each action against the schema once. A live
 * game's document is re-sent whole every few seconds with a handful of new actions; validating all
 * ~600 actions every time cost more than everything else in a poll cycle. An action identical, in
 * every field the schema checks, to the one validated last time under the same actionNumber is
 * known good; anything new or changed (an edit) goes through the zod schema as before, and a
 * failure names its path exactly as the whole-document schema would.
 */
import { z } from 'zod';
import { PlayByPlayAction, PlayByPlayDocument } from './nba-schemas.ts';

const Envelope = z.looseObject({
  game: z.looseObject({
    gameId: z.string().regex(/^\d{10}$/),
    // Elements are checked one by one below; an object schema here would copy every action.
    actions: z.array(z.unknown()),
  }),
});

/** The fields `PlayByPlayAction` checks: an action equal in all of them validates the same way. */
const CHECKED = Object.keys(PlayByPlayAction.shape) as ReadonlyArray<keyof PlayByPlayDocument['game']['actions'][number]>;

type Raw = Record<string, unknown>;
type Parsed = { success: true; data: PlayByPlayDocument } | { success: false; error: z.ZodError };

export class IncrementalPlayByPlaySchema {
  /** Per game, the last document's valid actions by actionNumber (games least recently seen first). */
  readonly #games = new Map<string, Map<unknown, Raw>>();

  constructor(readonly maxGames = 32) {}

  safeParse(json: unknown): Parsed {
    const envelope = Envelope.safeParse(json);
    // A broken document is rare: let the whole-document schema describe everything wrong with it.
    if (!envelope.success) return PlayByPlayDocument.safeParse(json) as Parsed;
    const { gameId, actions } = envelope.data.game;
    const known = this.#games.get(gameId);
    const valid = new Map<unknown, Raw>();
    const issues: z.core.$ZodIssue[] = [];
    actions.forEach((element, i) => {
      const action = (typeof element === 'object' && element !== null ? element : {}) as Raw;
      const before = known?.get(action.actionNumber);
      if (before && CHECKED.every((k) => before[k] === action[k])) {
        valid.set(action.actionNumber, action);
        return;
      }
      const parsed = PlayByPlayAction.safeParse(element);
      if (parsed.success) valid.set(action.actionNumber, action);
      else for (const issue of parsed.error.issues) issues.push({ ...issue, path: ['game', 'actions', i, ...issue.path] });
    });
    if (issues.length > 0) return { success: false, error: new z.ZodError(issues) };
    this.#games.delete(gameId);
    this.#games.set(gameId, valid);
    const oldest = this.#games.keys().next().value;
    if (this.#games.size > this.maxGames && oldest !== undefined) this.#games.delete(oldest);
    // Loose schemas transform nothing: the validated JSON is the document.
    return { success: true, data: json as PlayByPlayDocument };
  }
}
