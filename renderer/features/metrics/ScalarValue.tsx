import { formatShort, sampleValue } from '../../charts/values';

/** A scalar answer as Grafana's stat: one big number (the exact value in the tooltip). */
export function ScalarValue({ value }: { value: [number, string] }) {
  return (
    <div className="metric-scalar" data-testid="metric-scalar" data-value={value[1]} title={value[1]}>
      {formatShort(sampleValue(value[1]))}
    </div>
  );
}
