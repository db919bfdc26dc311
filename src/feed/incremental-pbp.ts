/**
 * Validation of play-by-play documents that checks each action against the schema once. A live
 * game's document is re-sent whole every few seconds with a handful of new actions; validating all
 * ~600 actions every time cost more than everything else in a poll cycle. An action is known good
 * when it is the very frozen object validated before (what `PlayByPlayReader` hands back for
 * unchanged bytes), or when it equals, in every field the schema checks, one validated earlier
 * under the same actionNumber of the same game. Anything new or changed (an edit) goes through the
 * zod schema as before, and a failure names its path exactly as the whole-document schema would.
 */
import { z } from 'zod';
import { PlayByPlayAction, PlayByPlayDocument } from './nba-schemas.ts';

const Envelope = z.looseObject({
  game: z.looseObject({
    gameId: z.string().regex(/^\d{10}$/),
    // Elements are checked one by one below; an array schema here would walk every action again.
    actions: z.custom<unknown[]>(Array.isArray, { message: 'Invalid input: expected array' }),
  }),
});

/** The fields `PlayByPlayAction` checks: an action equal in all of them validates the same way. */
const CHECKED = Object.keys(PlayByPlayAction.shape) as ReadonlyArray<keyof PlayByPlayDocument['game']['actions'][number]>;

type Raw = Record<string, unknown>;
type Parsed = { success: true; data: PlayByPlayDocument } | { success: false; error: z.ZodError };

export class IncrementalPlayByPlaySchema {
  /** Frozen actions that passed: a frozen object cannot have changed since. */
  readonly #passed = new WeakSet<object>();
  /** Per game (least recently seen first), the latest valid action under each actionNumber. */
  readonly #games = new Map<string, Map<unknown, Raw>>();

  constructor(readonly maxGames = 32) {}

  safeParse(json: unknown): Parsed {
    const envelope = Envelope.safeParse(json);
    // A broken document is rare: let the whole-document schema describe everything wrong with it.
    if (!envelope.success) return PlayByPlayDocument.safeParse(json) as Parsed;
    const { gameId, actions } = envelope.data.game;
    const known = this.#games.get(gameId) ?? new Map<unknown, Raw>();
    this.#games.delete(gameId);
    const passed: Raw[] = [];
    const issues: z.core.$ZodIssue[] = [];
    actions.forEach((element, i) => {
      if (typeof element === 'object' && element !== null && this.#passed.has(element)) return;
      const action = (typeof element === 'object' && element !== null ? element : {}) as Raw;
      const before = known.get(action.actionNumber);
      if (before && CHECKED.every((k) => before[k] === action[k])) return passed.push(action);
      const parsed = PlayByPlayAction.safeParse(element);
      if (parsed.success) passed.push(action);
      else for (const issue of parsed.error.issues) issues.push({ ...issue, path: ['game', 'actions', i, ...issue.path] });
    });
    // Remembered only from a valid document, so a bad one teaches nothing.
    if (issues.length === 0) {
      for (const action of passed) {
        const frozen = Object.isFrozen(action);
        // A copy of what was checked: an unfrozen action may yet change in place.
        known.set(action.actionNumber, frozen ? action : Object.fromEntries(CHECKED.map((k) => [k, action[k]])));
        if (frozen) this.#passed.add(action);
      }
    }
    this.#games.set(gameId, known);
    const oldest = this.#games.keys().next().value;
    if (this.#games.size > this.maxGames && oldest !== undefined) this.#games.delete(oldest);
    if (issues.length > 0) return { success: false, error: new z.ZodError(issues) };
    // Loose schemas transform nothing: the validated JSON is the document.
    return { success: true, data: json as PlayByPlayDocument };
  }
}
