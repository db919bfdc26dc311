import { For, Show } from 'solid-js';
import { ageText, statusText } from '../format.ts';
import type { GameState } from '../../../packages/client/src/index.ts';
import { freshness, tippedOff } from '../state/views.ts';
import { HomeTag } from './HomeTag.tsx';

export interface ScoreboardProps {
  games: GameState[];
  synced: boolean;
  /** The NBA feed is failing or silent: an empty board is then not a quiet night. */
  feedDown: boolean;
  now: number;
  clockOffsetMs: number;
  selected: string | null;
  onSelect: (id: string) => void;
}

export function Scoreboard(props: ScoreboardProps) {
  return (
    <section class="scoreboard" aria-label="Scoreboard">
      <h2>Scoreboard</h2>
      <Show when={props.games.length > 0} fallback={<p class="muted" data-testid="no-games">{!props.synced ? 'Waiting for the server…' : props.feedDown ? 'No games known: the NBA feed is not answering.' : 'No games tonight.'}</p>}>
        <ul>
          <For each={props.games}>
            {(game) => (
              <ScoreRow
                game={game}
                now={props.now}
                clockOffsetMs={props.clockOffsetMs}
                selected={props.selected === game.game_id}
                onSelect={props.onSelect}
              />
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function ScoreRow(props: { game: GameState; now: number; clockOffsetMs: number; selected: boolean; onSelect: (id: string) => void }) {
  const d = () => props.game.data;
  const id = () => props.game.game_id;
  const started = () => tippedOff(d().status);
  const tracked = () => d().status === 'In Progress' || d().status === 'Halftime';
  const fresh = () => freshness(props.game, props.now, props.clockOffsetMs);
  const leader = () => (d().differential > 0 ? 'home' : d().differential < 0 ? 'away' : null);
  return (
    <li>
      <button
        type="button"
        class="row"
        classList={{ selected: props.selected, live: tracked(), stale: tracked() && fresh().stale }}
        data-testid={`scoreboard-row-${id()}`}
        data-status={d().status}
        aria-pressed={props.selected}
        onClick={() => props.onSelect(id())}
      >
        <span class="row-teams" data-testid={`score-${id()}`}>
          <span class="row-line" classList={{ lead: leader() === 'away' }}>
            <span class="team">{d().away_team}</span>
            <span class="pts" data-testid={`away-score-${id()}`}>
              {started() ? d().away_score : ''}
            </span>
          </span>
          <span class="row-line" classList={{ lead: leader() === 'home' }}>
            <span class="team">
              {d().home_team} <HomeTag id={`home-tag-${id()}`} />
            </span>
            <span class="pts" data-testid={`home-score-${id()}`}>
              {started() ? d().home_score : ''}
            </span>
          </span>
        </span>
        <span class="row-meta">
          <span class="status" data-testid={`status-${id()}`}>
            {statusText(d())}
          </span>
          <Show when={tracked()}>
            <span class="fresh" data-testid={`freshness-${id()}`} data-stale={String(fresh().stale)}>
              {fresh().stale ? `⚠ stale · ${ageText(fresh().ageSeconds)}` : ageText(fresh().ageSeconds)}
            </span>
          </Show>
        </span>
      </button>
    </li>
  );
}
