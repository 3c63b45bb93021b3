import { useMemo } from 'react';
import type { BacktestGroup } from '../../../shared/contract/alerts';
import type { TimeZoneSetting } from '../../app/time-format';
import { formatDateTime } from '../../app/time-format';
import { Chart } from '../../charts/Chart';
import type { ChartTheme } from '../../charts/chart-theme';
import { alertChartOption } from './alert-chart';
import { alertRulesOf, promDuration, timelineRows } from './alert-timeline';
import { AlertTimeline } from './AlertTimeline';

interface Props {
  group: BacktestGroup;
  range: { start: number; end: number };
  theme: ChartTheme;
  zone: TimeZoneSetting;
}

function RuleResult({ group, rule, range, theme, zone }: Props & { rule: string }) {
  const option = useMemo(() => alertChartOption(group, rule, { theme, utc: zone === 'utc', range }), [group, rule, theme, zone, range]);
  const rows = useMemo(() => timelineRows(group, range).filter((r) => r.rule === rule), [group, range, rule]);
  const samples = group.series.filter((s) => s.rule === rule).reduce((n, s) => n + s.points.length, 0);
  return (
    <div className="backtest-rule" data-testid="backtest-rule" data-rule={rule} data-samples={samples}>
      <div className="backtest-rule-title">
        <b>{rule}</b> <span className="muted small">{samples ? `${samples} samples of its expression` : 'its expression returned nothing in this range'}</span>
      </div>
      <Chart option={option} height={170} />
      <AlertTimeline rows={rows} zone={zone} />
    </div>
  );
}

/** One group's back-test: a chart and a timeline per rule, then the evaluation errors. */
export function BacktestGroupResult(props: Props) {
  const { group, zone } = props;
  const rules = useMemo(() => alertRulesOf(group), [group]);
  return (
    <section className="backtest-group" data-testid="backtest-group" data-group={group.group}>
      <h3>
        {group.group} <span className="muted">every {promDuration(group.intervalMs)}</span>
      </h3>
      {rules.length === 0 && <div className="empty small">No rule of this group returned anything or alerted in this range.</div>}
      {rules.map((r) => (
        <RuleResult key={r} {...props} rule={r} />
      ))}
      {group.errors.length > 0 && (
        <ul className="backtest-errors" data-testid="backtest-errors">
          {group.errors.slice(0, 50).map((e, i) => (
            <li key={i}>
              <span className="num">{formatDateTime(e.tMs, zone)}</span> <b>{e.rule}</b> {e.message}
            </li>
          ))}
          {group.errors.length > 50 && <li className="muted">… and {group.errors.length - 50} more</li>}
        </ul>
      )}
    </section>
  );
}
