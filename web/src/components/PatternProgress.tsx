import { Show } from 'solid-js';
import { phaseText } from '../format.ts';
import type { GamePhase } from '../state/views.ts';

const NEEDED = 18;

/** Minutes gathered for the forecast until halftime; from then on, the game's own state. */
export function PatternProgress(props: { id: string; phase: GamePhase; approximate: boolean; home: string; away: string }) {
  const past = () => (props.phase.kind === 'pattern' ? null : props.phase);
  const done = () => (props.phase.kind === 'pattern' ? Math.min(props.phase.minutes, NEEDED) : NEEDED);
  return (
    <div class="progress" data-testid={`progress-${props.id}`} data-phase={props.phase.kind}>
      <Show
        when={past()}
        fallback={
          <>
            <span>
              Pattern <strong data-testid={`progress-count-${props.id}`}>{done()}/{NEEDED}</strong>
            </span>
            <progress max={NEEDED} value={done()} aria-label={`Pattern ${done()} of ${NEEDED} minutes`} />
          </>
        }
      >
        {(phase) => (
          <span class="phase" data-testid={`phase-${props.id}`}>
            {phaseText(phase(), props.home, props.away)}
          </span>
        )}
      </Show>
      <Show when={props.approximate}>
        <span class="badge" title="Play-by-play unavailable: minutes from scoreboard snapshots">
          approximate
        </span>
      </Show>
    </div>
  );
}
