import { useRpcQuery } from '../../rpc/hooks';

interface Props {
  connectionId: string;
  query: string;
  start: number;
  end: number;
}

/** Loki's detected fields for the query (name, type, cardinality, parsers), under the parsed fields. */
export function DetectedFields({ connectionId, query, start, end }: Props) {
  const fields = useRpcQuery('loki.detectedFields', { connectionId, query, start, end }, { staleTime: 60_000, retry: false });
  return (
    <section className="detected-fields" data-testid="detected-fields">
      <div className="panel-header">
        <strong>Detected fields</strong>
        <span className="muted">{fields.data?.fields.length ?? ''}</span>
      </div>
      {fields.isFetching && !fields.data && <div className="empty small">Asking Loki…</div>}
      {fields.error && <div className="empty small">Loki could not detect fields: {fields.error.message}</div>}
      {fields.data?.fields.length === 0 && <div className="empty small">Loki detected no fields in these lines.</div>}
      {fields.data?.fields.map((f) => (
        <div key={f.label} className="parsed-field-head" data-testid="detected-field" data-name={f.label} title={`${f.type}${f.parsers.length ? `, from ${f.parsers.join(', ')}` : ', structured metadata'}`}>
          <span className="parsed-name">{f.label}</span>
          <span className="muted">{f.type}</span>
          <span className="muted num">{f.cardinality}</span>
        </div>
      ))}
    </section>
  );
}
