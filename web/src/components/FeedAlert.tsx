import { Show } from 'solid-js';
import type { FeedCondition } from '../../../packages/client/src/index.ts';

/** A banner while the server's NBA feed fails: scores stand still, and the page says why. */
export function FeedAlert(props: { text: string | null; feed: FeedCondition | null }) {
  return (
    <Show when={props.text}>
      <p class="feed-alert" role="alert" data-testid="feed-alert" data-state={props.feed?.state} title={props.feed?.last_error?.message ?? ''}>
        {props.text} · scores stand still until it answers.
      </p>
    </Show>
  );
}
