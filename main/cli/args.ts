/**
 * A small argv parser shared by the verbs: `--flag value`, `--flag=value`, boolean
 * `--flag` / `--no-flag`, and positionals. Unknown flags are errors, named.
 */
export interface FlagSpec {
  [name: string]: 'string' | 'boolean';
}

export type Parsed =
  | { ok: true; flags: Record<string, string | boolean>; lists: Record<string, string[]>; positionals: string[] }
  | { ok: false; error: string };

/** `repeatable` string flags collect every value in `lists` (e.g. several `--from`). */
export function parseArgv(argv: readonly string[], spec: FlagSpec, repeatable: readonly string[] = []): Parsed {
  const flags: Record<string, string | boolean> = {};
  const lists: Record<string, string[]> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    let name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const negated = name.startsWith('no-') && spec[name.slice(3)] === 'boolean';
    if (negated) name = name.slice(3);
    const kind = spec[name];
    if (!kind) return { ok: false, error: `unknown option --${name}` };
    if (kind === 'boolean') {
      if (eq !== -1) return { ok: false, error: `--${name} takes no value` };
      flags[name] = !negated;
    } else {
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) return { ok: false, error: `--${name} needs a value` };
      flags[name] = value;
      if (repeatable.includes(name)) (lists[name] ??= []).push(value);
    }
  }
  return { ok: true, flags, lists, positionals };
}
