import { useMemo } from 'react';
import { useLocation } from '../../app/LocationProvider';
import { ExplorePane } from './ExplorePane';

/**
 * Explore: one pane, or two side by side (Grafana's split view). Both panes read the one time
 * range of the header (their time pickers are linked: there is one) and share the time cursor,
 * so a chart in either marks the lines of both. The right pane's query lives in the URL too.
 */
export function ExplorePage() {
  const { split, setSplit } = useLocation();
  const right = useMemo(() => (split === undefined ? undefined : { query: split, setQuery: (q: string) => setSplit(q) }), [split, setSplit]);
  return (
    <div className={`explore-split${right ? ' is-split' : ''}`} data-testid="explore-split">
      <ExplorePane onSplit={right ? undefined : () => setSplit('')} />
      {right && <ExplorePane key="right" binding={right} onClose={() => setSplit(undefined)} />}
    </div>
  );
}
