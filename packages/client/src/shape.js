const expect = (what, ok) => (v, path) => (ok(v) ? undefined : `${path}: expected ${what}, got ${describe(v)}`);
const text = expect('a string', (v) => typeof v === 'string');
const integer = expect('an integer', (v) => Number.isSafeInteger(v));
const number = expect('a number', (v) => typeof v === 'number' && Number.isFinite(v));
const boolean = expect('a boolean', (v) => typeof v === 'boolean');
const integers = expect('an array of integers', (v) => Array.isArray(v) && v.every((d) => Number.isSafeInteger(d)));
const numbers = expect('an object of numbers', (v) => isRecord(v) && Object.values(v).every((n) => typeof n === 'number' && Number.isFinite(n)));
function optional(check) {
    return (v, path) => (v === undefined ? undefined : check(v, path));
}
function nullable(check) {
    return (v, path) => (v === null ? undefined : check(v, path));
}
function object(fields) {
    return (v, path) => {
        if (!isRecord(v))
            return `${path}: expected an object, got ${describe(v)}`;
        for (const [key, check] of Object.entries(fields)) {
            const problem = check(v[key], path ? `${path}.${key}` : key);
            if (problem)
                return problem;
        }
        return undefined;
    };
}
function list(check) {
    return (v, path) => {
        if (!Array.isArray(v))
            return `${path}: expected an array, got ${describe(v)}`;
        for (let i = 0; i < v.length; i += 1) {
            const problem = check(v[i], `${path}.${i}`);
            if (problem)
                return problem;
        }
        return undefined;
    };
}
const DATA = {
    away_team: text, home_team: text, away_score: integer, home_score: integer, differential: integer,
    period: integer, clock: text, status: text, game_date: text, start_time: text,
};
const PREDICTION = {
    point_forecast: number, interval_lower: number, interval_upper: number, coverage_probability: number,
    components: (v, path) => numbers(v, path) ?? number(v.ensemble_forecast, `${path}.ensemble_forecast`),
};
const FORECAST = {
    target: text, prediction: object(PREDICTION), pattern: integers, model_version: text, approximate: boolean,
    period: integer, clock: text, late: optional(boolean),
};
const HALFTIME = {
    actual: integer, forecast: nullable(object(PREDICTION)), model_version: nullable(text), error: nullable(number),
    covered: nullable(boolean), approximate: boolean, revised: optional(boolean),
};
const QUANTILE_KEYS = [
    'q025', 'q05', 'q10', 'q15', 'q20', 'q25', 'q30', 'q35', 'q40', 'q45', 'q50',
    'q55', 'q60', 'q65', 'q70', 'q75', 'q80', 'q85', 'q90', 'q95', 'q975',
];
const DISTRIBUTION = {
    point: number,
    quantiles: object(Object.fromEntries(QUANTILE_KEYS.map((k) => [k, number]))),
};
const MINUTE = {
    minute: integer, margin: integer, possession: nullable(text), final_margin: object(DISTRIBUTION),
    halftime_margin: nullable(object(DISTRIBUTION)), home_win_probability: number, model_version: text, approximate: boolean,
};
const GAME = {
    game_id: text, data: object(DATA), pattern: integers, approximate: boolean, prediction: nullable(object(FORECAST)),
    halftime: nullable(object(HALFTIME)), minute_forecast: optional(nullable(object({ ...MINUTE, made_at: text }))), updated_at: text,
};
const PROBLEM = { at: text, endpoint: text, code: text, message: text };
const FEED = {
    state: text, since: text, last_success_at: nullable(text), last_error: nullable(object(PROBLEM)),
};
const ENVELOPE = { type: text, seq: integer, timestamp: text };
const MESSAGES = {
    score_update: object({ ...ENVELOPE, game_id: text, data: object(DATA) }),
    pattern_progress: object({
        ...ENVELOPE, game_id: text, minutes_collected: integer, minutes_needed: integer, progress_percent: number,
        pattern: integers, approximate: boolean,
    }),
    ml_prediction: object({ ...ENVELOPE, game_id: text, ...FORECAST }),
    halftime_result: object({ ...ENVELOPE, game_id: text, ...HALFTIME }),
    feed_status: object({ ...ENVELOPE, ...FEED }),
    snapshot: object({
        ...ENVELOPE, epoch: text, games: list(object(GAME)), resumed: optional(boolean), feed_status: optional(object(FEED)),
    }),
    error: object({ ...ENVELOPE, code: text, message: text }),
    forecast_update: object({ ...ENVELOPE, game_id: text, ...MINUTE }),
};
export function isKnownType(type) {
    return Object.hasOwn(MESSAGES, type);
}
/** Why a message of a known type cannot be used (`score_update: data.home_score: expected …`), or undefined. */
export function shapeProblem(type, message) {
    const problem = MESSAGES[type](message, '');
    return problem === undefined ? undefined : `${type}: ${problem}`;
}
export function isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function describe(v) {
    if (v === undefined)
        return 'nothing';
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'an array';
    if (typeof v === 'string')
        return JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v);
    return typeof v === 'object' ? 'an object' : String(v);
}
//# sourceMappingURL=shape.js.map