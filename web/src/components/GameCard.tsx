import { Show } from 'solid-js';
import { statusText } from '../format.ts';
import type { GameState } from '../../../packages/client/src/index.ts';
import type { MinuteForecast } from '../../../src/protocol/messages.ts';
import { ForecastPanel } from './ForecastPanel.tsx';
import { LeadTracker } from './LeadTracker.tsx';
import { PatternProgress } from './PatternProgress.tsx';
import { gamePhase } from '../state/views.ts';
import { HomeTag } from './HomeTag.tsx';
import { Verdict } from './Verdict.tsx';
import { WinProbability } from './WinProbability.tsx';

export function GameCard(props: { game: GameState; trail?: readonly MinuteForecast[] }) {
  const d = () => props.game.data;
  const id = () => props.game.game_id;
  // The forecast survives in the halftime result even if a snapshot dropped the prediction.
  const prediction = () => props.game.prediction?.prediction ?? props.game.halftime?.forecast ?? null;
  return (
    <article class="card" data-testid={`game-card-${id()}`} data-status={d().status} aria-label={`${d().away_team} at ${d().home_team}`}>
      <header class="card-head">
        <div class="matchup" data-testid={`matchup-${id()}`}>
          <span class="team">{d().away_team}</span>
          <span class="pts" data-testid={`card-away-score-${id()}`}>
            {d().away_score}
          </span>
          <span class="at">@</span>
          <span class="team">
            {d().home_team} <HomeTag id={`card-home-tag-${id()}`} />
          </span>
          <span class="pts" data-testid={`card-home-score-${id()}`}>
            {d().home_score}
          </span>
        </div>
        <span class="status" classList={{ live: d().status === 'In Progress' }}>
          {statusText(d())}
        </span>
      </header>
      <LeadTracker game={props.game} prediction={prediction()} trail={props.trail ?? []} />
      <Show when={(props.trail ?? []).length > 0}>
        <WinProbability id={id()} home={d().home_team} away={d().away_team} trail={props.trail ?? []} />
      </Show>
      <PatternProgress id={id()} phase={gamePhase(props.game)} approximate={props.game.approximate} home={d().home_team} away={d().away_team} />
      <Show when={prediction()} fallback={<p class="muted small">The halftime forecast comes at 18:00 of game time.</p>}>
        {(p) => (
          <ForecastPanel
            id={id()}
            prediction={p()}
            modelVersion={props.game.prediction?.model_version ?? props.game.halftime?.model_version ?? '?'}
            approximate={props.game.prediction?.approximate ?? false}
            home={d().home_team}
            away={d().away_team}
          />
        )}
      </Show>
      <Show when={props.game.halftime}>
        {(h) => <Verdict id={id()} halftime={h()} home={d().home_team} away={d().away_team} />}
      </Show>
    </article>
  );
}
