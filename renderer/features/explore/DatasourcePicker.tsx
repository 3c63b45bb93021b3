import type { DatasourceOption } from './use-datasource';

interface Props {
  value: string;
  options: readonly DatasourceOption[];
  onChange(key: string): void;
}

/** Where the pane's queries go: the local files or a Loki connection (Connections page). */
export function DatasourcePicker({ value, options, onChange }: Props) {
  return (
    <label className="query-option" title="Where this pane's queries run: the local files, or a Loki connection">
      <select className="input" data-testid="datasource-picker" value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
