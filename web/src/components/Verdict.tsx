import { Show } from 'solid-js';
import { leadPhrase, one, signedInt, signedOne } from '../format.ts';
import type { GameHalftime } from '../../../packages/client/src/index.ts';

/** The actual halftime lead against the interval, in words as well as colour. */
export function Verdict(props: { id: string; halftime: GameHalftime; home: string; away: string }) {
  const h = () => props.halftime;
  const state = () => (h().covered === null ? 'none' : h().covered ? 'covered' : 'missed');
  return (
    <div class={`verdict ${state()}`} data-testid={`verdict-${props.id}`} data-covered={state()}>
      <strong class="verdict-word">
        {state() === 'covered' ? '✓ Covered' : state() === 'missed' ? '✗ Missed' : 'No forecast'}
      </strong>
      <span>
        Halftime <span data-testid={`verdict-actual-${props.id}`}>{signedInt(h().actual)}</span> (
        {leadPhrase(h().actual, props.home, props.away)})
      </span>
      <Show when={h().forecast && h().error !== null}>
        <span class="muted">
          interval {one(h().forecast?.interval_lower ?? 0)} to {one(h().forecast?.interval_upper ?? 0)}, error{' '}
          <span data-testid={`verdict-error-${props.id}`}>{signedOne(h().error ?? 0)}</span>
        </span>
      </Show>
    </div>
  );
}
