import { Show } from 'solid-js';
import type { ConnectionState } from '../../../packages/client/src/index.ts';

const LABELS: Readonly<Record<ConnectionState, string>> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  closed: 'Closed',
};

/** `feedDown`: the server is reached but its NBA feed is not, so "Connected" alone would mislead. */
export function ConnectionStatus(props: { state: ConnectionState; retryInMs: number | null; feedDown: boolean; onRetry: () => void }) {
  const down = () => props.state === 'reconnecting' || props.state === 'offline';
  const feedDown = () => props.state === 'connected' && props.feedDown;
  return (
    <div class="conn" data-testid="connection-status" data-state={props.state} data-feed={feedDown() ? 'down' : 'ok'} role="status" aria-live="polite">
      <span class="conn-dot" aria-hidden="true" />
      <span class="conn-label">{feedDown() ? 'Connected · no NBA feed' : LABELS[props.state]}</span>
      <Show when={down()}>
        <Show when={props.retryInMs !== null}>
          <span class="conn-retry">retry in {Math.max(1, Math.round((props.retryInMs ?? 0) / 1000))} s</span>
        </Show>
        <button type="button" class="link" onClick={() => props.onRetry()}>
          Retry now
        </button>
      </Show>
    </div>
  );
}
