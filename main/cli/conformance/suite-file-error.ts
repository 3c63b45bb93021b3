// A suite file that cannot be read or understood. The CLI turns it into exit code 2 with a
// message naming the file (and the position for syntax errors), because a report built on a
// half-read suite would silently under-count.

export interface SourcePosition {
  line: number; // 1-based
  column: number; // 1-based
}

export class SuiteFileError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
    readonly position?: SourcePosition,
  ) {
    super(`${path}${position ? `:${position.line}:${position.column}` : ''}: ${detail}`);
    this.name = 'SuiteFileError';
  }
}

/** Line and column (1-based) of a character offset in a text. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
