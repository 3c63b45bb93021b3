import type { ReactNode } from 'react';

/** A labelled form row with the server's error for that field underneath. */
export function Field({ label, field, errors, hint, children }: { label: string; field: string; errors: Map<string, string>; hint?: string; children: ReactNode }) {
  const err = errors.get(field);
  return (
    <label className="conn-field" data-field={field}>
      <span className="conn-label">{label}</span>
      <span className="conn-control">
        {children}
        {hint && !err && <span className="conn-hint muted">{hint}</span>}
        {err && (
          <span className="field-error" role="alert" data-testid="connection-field-error" data-field={field}>
            {err}
          </span>
        )}
      </span>
    </label>
  );
}

/** A text input bound to one draft key; marked invalid when its field has an error. */
export function TextInput({ value, onChange, invalid, testId, placeholder, type = 'text' }: { value: string; onChange(v: string): void; invalid?: boolean; testId: string; placeholder?: string; type?: 'text' | 'password' }) {
  return (
    <input
      className={`input grow${invalid ? ' invalid' : ''}`}
      data-testid={testId}
      type={type}
      value={value}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
      spellCheck={false}
      autoComplete={type === 'password' ? 'new-password' : 'off'}
      aria-invalid={invalid}
    />
  );
}

/**
 * A secret: a password input that never shows a stored value (the server never sends it).
 * Blank keeps what is stored; the placeholder says whether something is.
 */
export function SecretInput({ value, onChange, stored, invalid, testId }: { value: string; onChange(v: string): void; stored: boolean; invalid?: boolean; testId: string }) {
  return (
    <span className="conn-secret">
      <TextInput type="password" value={value} onChange={onChange} invalid={invalid} testId={testId} placeholder={stored ? 'stored — type to replace' : 'not stored'} />
      {stored && !value && (
        <span className="chip" data-testid={`${testId}-stored`}>
          stored
        </span>
      )}
    </span>
  );
}
