import type { HasSecret } from '../../../shared/contract/connections';
import { Field, SecretInput, TextInput } from './Field';
import type { Draft, HeaderDraft } from './form-state';

/** Custom headers, one row each; a secret one keeps its value in the secret store. */
export function HeadersEditor({ draft: d, set, errors, hasSecret }: { draft: Draft; set(patch: Partial<Draft>): void; errors: Map<string, string>; hasSecret: HasSecret | undefined }) {
  const update = (i: number, patch: Partial<HeaderDraft>): void => set({ headers: d.headers.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
  const remove = (i: number): void => {
    const headerSecrets: Record<number, string> = {};
    for (const [k, v] of Object.entries(d.headerSecrets)) if (Number(k) !== i) headerSecrets[Number(k) > i ? Number(k) - 1 : Number(k)] = v;
    set({ headers: d.headers.filter((_, j) => j !== i), headerSecrets });
  };
  return (
    <Field label="Headers" field="headers" errors={errors}>
      <span className="conn-headers">
        {d.headers.map((h, i) => (
          <span className="conn-header-row" key={i} data-testid="connection-header-row">
            <TextInput testId="connection-header-name" value={h.name} onChange={(name) => update(i, { name })} invalid={errors.has(`headers.${i}.name`)} placeholder="X-Header" />
            {h.secret ? (
              <SecretInput testId="connection-header-secret" value={d.headerSecrets[i] ?? ''} onChange={(v) => set({ headerSecrets: { ...d.headerSecrets, [i]: v } })} stored={!!hasSecret?.headers[h.name]} invalid={errors.has(`headers.${i}.value`)} />
            ) : (
              <TextInput testId="connection-header-value" value={h.value} onChange={(value) => update(i, { value })} invalid={errors.has(`headers.${i}.value`)} placeholder="value" />
            )}
            <label className="toggle" title="Keep the value in the secret store, never in the settings file">
              <input type="checkbox" checked={h.secret} onChange={(e) => update(i, { secret: e.target.checked, value: '' })} /> secret
            </label>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => remove(i)} aria-label={`Remove header ${h.name}`}>
              ✕
            </button>
            {(errors.get(`headers.${i}.name`) ?? errors.get(`headers.${i}.value`)) && (
              <span className="field-error" role="alert" data-testid="connection-field-error" data-field={`headers.${i}`}>
                {errors.get(`headers.${i}.name`) ?? errors.get(`headers.${i}.value`)}
              </span>
            )}
          </span>
        ))}
        <button type="button" className="btn btn-sm" data-testid="connection-add-header" onClick={() => set({ headers: [...d.headers, { name: '', value: '', secret: false }] })}>
          Add header
        </button>
      </span>
    </Field>
  );
}
