import { createMemo, For, Show } from 'solid-js';
import type { GameState } from '../../../packages/client/src/index.ts';
import type { MinuteForecast } from '../../../src/protocol/messages.ts';
import { cardOrder } from '../state/views.ts';
import { GameCard } from './GameCard.tsx';

/** One game when picked on the scoreboard, else every game that has tipped off. */
export function GameGrid(props: {
  games: Readonly<Record<string, GameState>>;
  trails?: Readonly<Record<string, readonly MinuteForecast[]>>;
  synced: boolean;
  selected: string | null;
  onShowAll: () => void;
}) {
  const picked = () => (props.selected ? props.games[props.selected] : undefined);
  const cards = createMemo(() => {
    const one = picked();
    return one ? [one] : cardOrder(props.games);
  });
  return (
    <section class="games" aria-label="Games">
      <div class="games-head">
        <h2>{picked() ? 'Game' : 'Games'}</h2>
        <Show when={picked()}>
          <button type="button" class="link" data-testid="show-all" onClick={() => props.onShowAll()}>
            ← All games
          </button>
        </Show>
      </div>
      <Show when={cards().length > 0} fallback={<p class="muted">{props.synced ? 'No game has tipped off yet.' : ''}</p>}>
        <div class="grid" classList={{ single: Boolean(picked()) }}>
          <For each={cards()}>{(game) => <GameCard game={game} trail={props.trails?.[game.game_id]} />}</For>
        </div>
      </Show>
    </section>
  );
}
