import { For } from 'solid-js';
import type { Prediction } from '../../../src/protocol/messages.ts';
import { componentLabel, leadPhrase, one } from '../format.ts';

export function ForecastPanel(props: {
  id: string;
  prediction: Prediction;
  modelVersion: string;
  approximate: boolean;
  home: string;
  away: string;
}) {
  const p = () => props.prediction;
  const coverage = () => Math.round(p().coverage_probability * 100);
  const components = () => Object.entries(p().components).filter((e): e is [string, number] => typeof e[1] === 'number');
  return (
    <section class="forecast" data-testid={`forecast-${props.id}`} aria-label="Halftime forecast">
      <h3>Halftime forecast</h3>
      <p class="forecast-point">
        <span class="big" data-testid={`forecast-point-${props.id}`}>
          {one(p().point_forecast)}
        </span>
        <span class="muted">{leadPhrase(p().point_forecast, props.home, props.away, 1)}</span>
      </p>
      <p class="forecast-interval">
        {coverage()}% interval <span data-testid={`forecast-lower-${props.id}`}>{one(p().interval_lower)}</span> to{' '}
        <span data-testid={`forecast-upper-${props.id}`}>{one(p().interval_upper)}</span>
      </p>
      <dl class="components">
        <For each={components()}>
          {([key, value]) => (
            <div>
              <dt>{componentLabel(key)}</dt>
              <dd data-testid={`forecast-component-${props.id}-${key}`}>{one(value)}</dd>
            </div>
          )}
        </For>
      </dl>
      <p class="model muted small">
        Model <span data-testid={`forecast-model-${props.id}`}>{props.modelVersion}</span>
        {props.approximate ? ' · from an approximate pattern' : ''}
      </p>
    </section>
  );
}
