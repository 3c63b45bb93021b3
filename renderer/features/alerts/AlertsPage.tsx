import { ComingSoon } from '../../app/ComingSoon';

export function AlertsPage() {
  return (
    <ComingSoon title="Alerts">
      <p>Not built yet. This page will let you:</p>
      <ul>
        <li>edit Prometheus and Loki alerting rules, with linting as you type;</li>
        <li>back-test a rule over the logs and metrics at hand: when would it have been pending, firing, resolved?</li>
        <li>run rules live on tailed logs, with desktop notifications;</li>
        <li>
          run <code>promtool test rules</code>-style unit tests.
        </li>
      </ul>
    </ComingSoon>
  );
}
