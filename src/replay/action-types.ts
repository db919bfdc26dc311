/**
 * How a `playbyplayv2` row is named in the live feed: EVENTMSGTYPE becomes `actionType`, and the
 * row's own description gives the `subType` the live feed would carry (`Layup`, `1 of 2`,
 * `bad pass`, …). Only `actionType`, `shotResult` and the period/game markers matter to the
 * tracker; the rest is there so the replay reads like the real feed.
 */

export interface ActionKind {
  readonly actionType: string;
  readonly subType?: string | undefined;
}

const TYPES: Readonly<Record<number, string>> = {
  3: 'freethrow', 4: 'rebound', 5: 'turnover', 6: 'foul', 7: 'violation', 8: 'substitution', 9: 'timeout',
  10: 'jumpball', 11: 'ejection', 12: 'period', 13: 'period', 18: 'instantreplay',
};

/** Rows of a type the live feed has no name for keep a recognisable one rather than vanish. */
export const UNKNOWN_ACTION = 'unknown';

/** @param text the description of the team that acted (the shooter's, the player who turned it over). */
export function actionKind(msgType: number, text: string): ActionKind {
  if (msgType === 1 || msgType === 2) return { actionType: /\b3PT\b/.test(text) ? '3pt' : '2pt', subType: shotSubType(text) };
  const actionType = TYPES[msgType] ?? UNKNOWN_ACTION;
  return { actionType, subType: subTypeOf(msgType, text) };
}

function subTypeOf(msgType: number, text: string): string | undefined {
  switch (msgType) {
    case 3:
      return /(\d) of (\d)/.exec(text)?.slice(1, 3).join(' of ') ?? '1 of 1';
    case 5:
      return firstMatch(TURNOVERS, text);
    case 6:
      return firstMatch(FOULS, text) ?? 'personal';
    case 7:
      return /Violation:\s*([A-Za-z ]+)/.exec(text)?.[1]?.trim().toLowerCase();
    case 9:
      return firstMatch(TIMEOUTS, text);
    case 10:
      return 'recovered';
    case 11:
      return /Ejection:\s*([A-Za-z ]+)/.exec(text)?.[1]?.trim().toLowerCase();
    case 12:
      return 'start';
    case 13:
      return 'end';
    default:
      return undefined;
  }
}

function shotSubType(text: string): string {
  if (/dunk/i.test(text)) return 'DUNK';
  if (/layup/i.test(text)) return 'Layup';
  if (/hook/i.test(text)) return 'Hook';
  return 'Jump Shot';
}

type Table = ReadonlyArray<readonly [RegExp, string]>;

const TURNOVERS: Table = [
  [/shot clock/i, 'shot clock'],
  [/out of bounds/i, 'out-of-bounds'],
  [/bad pass/i, 'bad pass'],
  [/lost ball/i, 'lost ball'],
  [/offensive foul/i, 'offensive foul'],
  [/travel/i, 'traveling'],
  [/(\d) second/i, 'second violation'],
  [/goaltending/i, 'offensive goaltending'],
  [/dribble/i, 'dribble'],
  [/palming/i, 'palming'],
  [/backcourt/i, 'backcourt'],
  [/kicked ball/i, 'kicked ball'],
];

const FOULS: Table = [
  [/\bT\.FOUL\b|technical/i, 'technical'],
  [/flagrant/i, 'flagrant'],
  [/OFF\.Foul|offensive|charge/i, 'offensive'],
];

const TIMEOUTS: Table = [
  [/Timeout:\s*Official/i, 'official'],
  [/Timeout:\s*Short/i, 'short'],
  [/Timeout:\s*(?:Regular|Full)/i, 'full'],
];

function firstMatch(table: Table, text: string): string | undefined {
  for (const [pattern, name] of table) if (pattern.test(text)) return name;
  return undefined;
}
