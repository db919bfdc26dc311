import { Show } from 'solid-js';

const NEEDED = 18;

export function PatternProgress(props: { id: string; minutes: number; approximate: boolean }) {
  const done = () => Math.min(props.minutes, NEEDED);
  return (
    <div class="progress" data-testid={`progress-${props.id}`}>
      <span>
        Pattern <strong data-testid={`progress-count-${props.id}`}>{done()}/{NEEDED}</strong>
      </span>
      <progress max={NEEDED} value={done()} aria-label={`Pattern ${done()} of ${NEEDED} minutes`} />
      <Show when={props.approximate}>
        <span class="badge" title="Play-by-play unavailable: minutes from scoreboard snapshots">
          approximate
        </span>
      </Show>
    </div>
  );
}
