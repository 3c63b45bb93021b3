export interface JsonPart {
  /** Text before the JSON (a timestamp, a level, a logger name), possibly empty. */
  prefix: string;
  value: unknown;
  pretty: string;
}

/**
 * Finds JSON in a log line: the whole line, or its tail after a prefix such as a timestamp
 * ("2024-01-01T00:00:00Z INFO {"msg":…}"). Only objects and arrays count: a bare number or
 * string is not worth a pretty view. Tries each '{' / '[' from the left, so the longest
 * tail that parses wins; lines are capped server-side, so this stays cheap.
 */
export function findJson(text: string): JsonPart | null {
  const trimmed = text.trimEnd();
  if (!trimmed.endsWith('}') && !trimmed.endsWith(']')) return null;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c !== '{' && c !== '[') continue;
    try {
      const value: unknown = JSON.parse(trimmed.slice(i));
      if (typeof value !== 'object' || value === null) continue;
      return { prefix: trimmed.slice(0, i).trim(), value, pretty: JSON.stringify(value, null, 2) };
    } catch {
      // not JSON from here; try the next bracket
    }
  }
  return null;
}
