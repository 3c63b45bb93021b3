/**
 * RE2 (C++, through the `re2` package) and Go's regexp/syntax detect the same errors but
 * word them differently: RE2 says `missing ): (`, Go says
 * `error parsing regexp: missing closing ): \`(\``. Loki shows Go's wording, so the
 * regex port maps RE2's message with goRegexpError.
 */

const codes: [re2: string, go: string][] = [
  ['missing )', 'missing closing )'],
  ['missing ]', 'missing closing ]'],
  ['unexpected )', 'unexpected )'],
  ['invalid escape sequence', 'invalid escape sequence'],
  ['invalid character class range', 'invalid character class range'],
  ['invalid character class', 'invalid character class'],
  ['trailing \\', 'trailing backslash at end of expression'],
  ['no argument for repetition operator', 'missing argument to repetition operator'],
  ['invalid repetition size', 'invalid repeat count'],
  ['bad repetition operator', 'invalid nested repetition operator'],
  ['invalid perl operator', 'invalid or unsupported Perl syntax'],
  ['invalid UTF-8', 'invalid UTF-8'],
  ['invalid named capture group', 'invalid named capture'],
  ['duplicate capture group name', 'duplicate capture group name'],
  ['pattern too large - compile failed', 'expression too large'],
  ['pattern too large - reverse compile failed', 'expression too large'],
];

/** Go's `error parsing regexp: <code>: \`<arg>\`` for an RE2 error message (unknown codes pass through). */
export function goRegexpError(re2Message: string): string {
  for (const [re2, go] of codes) {
    if (re2Message === re2) return `error parsing regexp: ${go}`;
    if (re2Message.startsWith(re2 + ': ')) {
      let arg = re2Message.slice(re2.length + 2);
      // RE2 spells named groups `(?P<`; Go quotes what the user wrote, which we cannot know: keep RE2's.
      if (go === 'invalid repeat count' || go === 'invalid nested repetition operator') arg = arg.trim();
      return `error parsing regexp: ${go}: \`${arg}\``;
    }
  }
  return `error parsing regexp: ${re2Message}`;
}
