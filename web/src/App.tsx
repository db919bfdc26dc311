import { createMemo, createSignal, onCleanup, onMount, Show } from 'solid-js';
import { CourtsideClient } from '../../packages/client/src/index.ts';
import { ConnectionStatus } from './components/ConnectionStatus.tsx';
import { FeedAlert } from './components/FeedAlert.tsx';
import { GameGrid } from './components/GameGrid.tsx';
import { NightTally } from './components/NightTally.tsx';
import { Scoreboard } from './components/Scoreboard.tsx';
import { feedAlert } from './feed-alert.ts';
import { nightLabel } from './format.ts';
import { scoreboardOrder } from './state/views.ts';
import { createDashboard } from './store.ts';
import { validateMessage } from './validate.ts';

/** The page's own origin, and no other host, ever. */
function socketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`;
}

export function App() {
  const client = new CourtsideClient({ url: socketUrl(), validate: validateMessage });
  const dashboard = createDashboard(client);
  const { state } = dashboard;
  const [now, setNow] = createSignal(Date.now());
  const [selected, setSelected] = createSignal<string | null>(location.hash.slice(1) || null);

  onMount(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const online = () => client.reconnect();
    const hash = () => setSelected(location.hash.slice(1) || null);
    window.addEventListener('online', online);
    window.addEventListener('hashchange', hash);
    onCleanup(() => {
      clearInterval(tick);
      window.removeEventListener('online', online);
      window.removeEventListener('hashchange', hash);
      void client.close();
    });
  });

  const games = createMemo(() => scoreboardOrder(state.games));
  const nights = createMemo(() => [...new Set(games().map((g) => g.data.game_date))].map(nightLabel).join(' · '));
  const alert = createMemo(() => feedAlert(state.feed));
  const select = (id: string | null) => {
    history.replaceState(null, '', id ? `#${id}` : location.pathname + location.search);
    setSelected(id);
  };

  return (
    <div class="app">
      <header class="top">
        <div class="brand">
          <h1>Courtside</h1>
          <Show when={nights()}>
            <span class="night" data-testid="night">{nights()}</span>
          </Show>
        </div>
        <NightTally games={state.games} />
        <ConnectionStatus
          state={dashboard.connection().state}
          retryInMs={dashboard.connection().retryInMs}
          feedDown={alert() !== null}
          onRetry={() => client.reconnect()}
        />
      </header>
      <FeedAlert text={alert()} feed={state.feed} />
      <main class="layout">
        <Scoreboard
          games={games()}
          synced={state.synced}
          feedDown={alert() !== null}
          now={now()}
          clockOffsetMs={state.clockOffsetMs}
          selected={selected()}
          onSelect={(id) => select(selected() === id ? null : id)}
        />
        <GameGrid games={state.games} trails={state.trails} synced={state.synced} selected={selected()} onShowAll={() => select(null)} />
      </main>
      <footer class="foot">
        <p>
          Lead = home minus away. The forecast is the lead at halftime, made once per game after 18:00 of game
          time, with its 95% interval. The fan is the final margin forecast at the end of every minute (95%, 80% and
          50% intervals), and the line under each chart the home team's chance of winning.
        </p>
        <Show when={dashboard.rejected().count > 0}>
          <p class="warn" data-testid="rejected">
            Ignored {dashboard.rejected().count} malformed message(s); last: {dashboard.rejected().last}
          </p>
        </Show>
        <Show when={state.serverError}>
          <p class="warn" data-testid="server-error">Server: {state.serverError}</p>
        </Show>
      </footer>
    </div>
  );
}
