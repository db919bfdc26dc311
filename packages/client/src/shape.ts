/**
 * What this client checks before it trusts a message: every field its types promise is there with
 * the right JSON type. Deliberately no more: fields it does not know are kept, and values are not
 * checked against today's enums (a newer server may send a status this version has never seen).
 * Each field list is checked against `wire.ts` by the compiler (`satisfies Fields<…>`).
 */
import type * as wire from './wire.ts';

/** The problem with `value` at `path`, or undefined when there is none. */
type Check = (value: unknown, path: string) => string | undefined;
type Fields<T> = { readonly [K in keyof T]-?: Check };

const expect = (what: string, ok: (v: unknown) => boolean): Check => (v, path) => (ok(v) ? undefined : `${path}: expected ${what}, got ${describe(v)}`);

const text = expect('a string', (v) => typeof v === 'string');
const integer = expect('an integer', (v) => Number.isSafeInteger(v));
const number = expect('a number', (v) => typeof v === 'number' && Number.isFinite(v));
const boolean = expect('a boolean', (v) => typeof v === 'boolean');
const integers = expect('an array of integers', (v) => Array.isArray(v) && v.every((d) => Number.isSafeInteger(d)));
const numbers = expect('an object of numbers', (v) => isRecord(v) && Object.values(v).every((n) => typeof n === 'number' && Number.isFinite(n)));

function optional(check: Check): Check {
  return (v, path) => (v === undefined ? undefined : check(v, path));
}

function nullable(check: Check): Check {
  return (v, path) => (v === null ? undefined : check(v, path));
}

function object(fields: Readonly<Record<string, Check>>): Check {
  return (v, path) => {
    if (!isRecord(v)) return `${path}: expected an object, got ${describe(v)}`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(v[key], path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
    return undefined;
  };
}

function list(check: Check): Check {
  return (v, path) => {
    if (!Array.isArray(v)) return `${path}: expected an array, got ${describe(v)}`;
    for (let i = 0; i < v.length; i += 1) {
      const problem = check(v[i], `${path}.${i}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

const DATA = {
  away_team: text, home_team: text, away_score: integer, home_score: integer, differential: integer,
  period: integer, clock: text, status: text, game_date: text, start_time: text,
} satisfies Fields<wire.ScoreUpdateData>;

const PREDICTION = {
  point_forecast: number, interval_lower: number, interval_upper: number, coverage_probability: number,
  components: (v, path) => numbers(v, path) ?? number((v as Record<string, unknown>).ensemble_forecast, `${path}.ensemble_forecast`),
} satisfies Fields<wire.Prediction>;

const FORECAST = {
  target: text, prediction: object(PREDICTION), pattern: integers, model_version: text, approximate: boolean,
  period: integer, clock: text, late: optional(boolean),
} satisfies Fields<wire.GamePrediction>;

const HALFTIME = {
  actual: integer, forecast: nullable(object(PREDICTION)), model_version: nullable(text), error: nullable(number),
  covered: nullable(boolean), approximate: boolean, revised: optional(boolean),
} satisfies Fields<wire.GameHalftime>;

const QUANTILE_KEYS = [
  'q025', 'q05', 'q10', 'q15', 'q20', 'q25', 'q30', 'q35', 'q40', 'q45', 'q50',
  'q55', 'q60', 'q65', 'q70', 'q75', 'q80', 'q85', 'q90', 'q95', 'q975',
] as const satisfies readonly wire.QuantileKey[];

const DISTRIBUTION = {
  point: number,
  quantiles: object(Object.fromEntries(QUANTILE_KEYS.map((k) => [k, number])) as Fields<Record<wire.QuantileKey, number>>),
} satisfies Fields<wire.MarginDistribution>;

const MINUTE = {
  minute: integer, margin: integer, possession: nullable(text), final_margin: object(DISTRIBUTION),
  halftime_margin: nullable(object(DISTRIBUTION)), home_win_probability: number, model_version: text, approximate: boolean,
} satisfies Fields<Omit<wire.ForecastUpdate, 'type' | 'seq' | 'timestamp' | 'game_id'>>;

const GAME = {
  game_id: text, data: object(DATA), pattern: integers, approximate: boolean, prediction: nullable(object(FORECAST)),
  halftime: nullable(object(HALFTIME)), minute_forecast: optional(nullable(object({ ...MINUTE, made_at: text }))), updated_at: text,
} satisfies Fields<wire.GameSnapshot>;

const PROBLEM = { at: text, endpoint: text, code: text, message: text } satisfies Fields<wire.FeedProblem>;

const FEED = {
  state: text, since: text, last_success_at: nullable(text), last_error: nullable(object(PROBLEM)),
} satisfies Fields<wire.FeedCondition>;

const ENVELOPE = { type: text, seq: integer, timestamp: text };

const MESSAGES = {
  score_update: object({ ...ENVELOPE, game_id: text, data: object(DATA) } satisfies Fields<wire.ScoreUpdate>),
  pattern_progress: object({
    ...ENVELOPE, game_id: text, minutes_collected: integer, minutes_needed: integer, progress_percent: number,
    pattern: integers, approximate: boolean,
  } satisfies Fields<wire.PatternProgress>),
  ml_prediction: object({ ...ENVELOPE, game_id: text, ...FORECAST } satisfies Fields<wire.MlPrediction>),
  halftime_result: object({ ...ENVELOPE, game_id: text, ...HALFTIME } satisfies Fields<wire.HalftimeResult>),
  feed_status: object({ ...ENVELOPE, ...FEED } satisfies Fields<wire.FeedStatus>),
  snapshot: object({
    ...ENVELOPE, epoch: text, games: list(object(GAME)), resumed: optional(boolean), feed_status: optional(object(FEED)),
  } satisfies Fields<wire.Snapshot>),
  error: object({ ...ENVELOPE, code: text, message: text } satisfies Fields<wire.ErrorMessage>),
  forecast_update: object({ ...ENVELOPE, game_id: text, ...MINUTE } satisfies Fields<wire.ForecastUpdate>),
} satisfies Record<wire.ServerMessageType, Check>;

export function isKnownType(type: string): type is wire.ServerMessageType {
  return Object.hasOwn(MESSAGES, type);
}

/** Why a message of a known type cannot be used (`score_update: data.home_score: expected …`), or undefined. */
export function shapeProblem(type: wire.ServerMessageType, message: Record<string, unknown>): string | undefined {
  const problem = MESSAGES[type](message, '');
  return problem === undefined ? undefined : `${type}: ${problem}`;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v);
  return typeof v === 'object' ? 'an object' : String(v);
}
