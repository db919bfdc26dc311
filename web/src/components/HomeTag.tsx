/** Marks the home team: the lead on every chart is home minus away. */
export function HomeTag(props: { id: string }) {
  return (
    <span class="home-tag" data-testid={props.id} title="Home team">
      home
    </span>
  );
}
