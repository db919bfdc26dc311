import { createMemo } from 'solid-js';
import { one } from '../format.ts';
import { nightTally, type GameState } from '../../../packages/client/src/index.ts';

/** Tonight's record: how many forecasts, how many intervals held, how far off on average. */
export function NightTally(props: { games: Readonly<Record<string, GameState>> }) {
  const tally = createMemo(() => nightTally(Object.values(props.games)));
  return (
    <dl class="tally" data-testid="night-tally" aria-label="Tonight's forecasts">
      <div>
        <dt>Forecasts</dt>
        <dd data-testid="tally-forecasts">{tally().forecasts}</dd>
      </div>
      <div>
        <dt>Covered</dt>
        <dd data-testid="tally-covered">
          {tally().covered}/{tally().settled}
        </dd>
      </div>
      <div>
        <dt>MAE</dt>
        <dd data-testid="tally-mae">{tally().mae === null ? '–' : one(tally().mae ?? 0)}</dd>
      </div>
    </dl>
  );
}
