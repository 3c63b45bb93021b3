// JSON parsing with the error position a person can jump to. V8's messages carry a character
// offset ("at position 42"), sometimes also line/column; we compute line/column ourselves so the
// message does not depend on the Node version.

import { SuiteFileError, positionAt } from './suite-file-error';

export function parseJsonDocument(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const offset = /at position (\d+)/.exec(message)?.[1];
    // "Unexpected end of JSON input" has no position: the end of the text is where it broke.
    const at = offset !== undefined ? Number(offset) : text.length;
    const detail = message.replace(/\s*\(line \d+ column \d+\)/, '');
    throw new SuiteFileError(path, `invalid JSON: ${detail}`, positionAt(text, at));
  }
}
