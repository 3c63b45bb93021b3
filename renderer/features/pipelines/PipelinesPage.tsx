import { ComingSoon } from '../../app/ComingSoon';

export function PipelinesPage() {
  return (
    <ComingSoon title="Pipelines">
      <p>Not built yet. This page will let you:</p>
      <ul>
        <li>
          write Promtail-style <code>pipeline_stages</code> (regex, json, logfmt, labels, timestamp, match, metrics…) in an editor with completion and inline errors;
        </li>
        <li>run them live on real lines from your sources and see each line after every stage;</li>
        <li>chart the metrics the pipeline produces, on the shared time range;</li>
        <li>export the pipeline as a Promtail config or an Alloy <code>loki.process</code> block.</li>
      </ul>
    </ComingSoon>
  );
}
