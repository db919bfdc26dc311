/** How numbers, clocks and statuses read on the page. All output is plain text. */
import type { ScoreUpdateData } from '../../src/protocol/messages.ts';
import type { GamePhase } from './state/views.ts';

/** One decimal, as the protocol carries it; never "-0.0". */
export function one(n: number): string {
  const s = n.toFixed(1);
  return s === '-0.0' ? '0.0' : s;
}

/** A differential with its sign, for leads: "+4.2", "-3.0", "0.0". */
export function signedOne(n: number): string {
  const s = one(n);
  return n > 0 && s !== '0.0' ? `+${s}` : s;
}

/** Who leads by how much, given home minus away. */
export function leadPhrase(diff: number, home: string, away: string, digits = 0): string {
  const size = Math.abs(diff).toFixed(digits);
  if (Number(size) === 0) return 'level';
  return `${diff > 0 ? home : away} by ${size}`;
}

export function periodName(period: number): string {
  if (period <= 4) return `Q${period}`;
  return period === 5 ? 'OT' : `${period - 4}OT`;
}

export function statusText(data: ScoreUpdateData, timeZone?: string): string {
  switch (data.status) {
    case 'Scheduled':
      return `Tip ${tipTime(data.start_time, timeZone)}`;
    case 'Halftime':
      return 'Halftime';
    case 'Final':
      return data.period > 4 ? `Final/${periodName(data.period)}` : 'Final';
    case 'TBD':
    case 'Postponed':
    case 'Cancelled':
      return data.status;
    case 'In Progress':
      // The feed keeps a finished quarter at 00:00 until the next one starts.
      if (/^0+:00$/.test(data.clock)) return `End of ${periodName(data.period)}`;
      return data.clock ? `${periodName(data.period)} ${trimClock(data.clock)}` : periodName(data.period);
  }
}

/** "05:32" reads as "5:32" on a scoreboard. */
function trimClock(clock: string): string {
  return clock.replace(/^0(\d:)/, '$1');
}

export function tipTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone }).format(new Date(iso));
}

/** A game date `YYYY-MM-DD` as people read it; it is a calendar date, so no time zone applies. */
export function nightLabel(gameDate: string): string {
  return new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${gameDate}T00:00:00Z`));
}

export function ageText(seconds: number): string {
  if (seconds < 5) return 'just now';
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 2 * 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

const COMPONENT_NAMES: Readonly<Record<string, string>> = {
  ensemble_forecast: 'Ensemble',
  dejavu_prediction: 'Dejavu',
  lstm_prediction: 'LSTM',
};

/** Known components by their model's name; others from their key (`foo_bar_prediction` → "Foo bar"). */
export function componentLabel(key: string): string {
  const known = COMPONENT_NAMES[key];
  if (known) return known;
  const words = key.replace(/_(prediction|forecast)$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A whole-point lead with its sign: "+6", "-3", "0". */
export function signedInt(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

const PHASE_NAMES = { halftime: 'Halftime', second_half: '2nd half', overtime: 'Overtime', final: 'Final' } as const;

/** A game past halftime in words: "Halftime · CLE by 13", "2nd half · level", "Final · CLE won by 8". */
export function phaseText(phase: Exclude<GamePhase, { kind: 'pattern' }>, home: string, away: string): string {
  if (phase.kind === 'final' && phase.lead !== 0) return `Final · ${phase.lead > 0 ? home : away} won by ${Math.abs(phase.lead)}`;
  return `${PHASE_NAMES[phase.kind]} · ${leadPhrase(phase.lead, home, away)}`;
}
