// The lexer of Go's text/template (text/template/parse/lex.go), read as a specification:
// same items, same trim-marker rules ("{{- " / " -}}"), same error texts. Positions are JS
// string indices; error messages convert them to Go's byte columns where they print them.

import { quote } from './go-strconv';

export type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'comment' | 'complex' | 'assign' | 'declare' | 'EOF'
  | 'field' | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim'
  | 'rightParen' | 'space' | 'string' | 'text' | 'variable'
  // keywords
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template' | 'with';

export interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, ItemType> = {
  '.': 'dot', block: 'block', break: 'break', continue: 'continue', define: 'define', else: 'else', end: 'end',
  if: 'if', range: 'range', nil: 'nil', template: 'template', with: 'with',
};
export const isKeyword = (t: ItemType): boolean => Object.values(KEYWORDS).includes(t);

const LEFT = '{{';
const RIGHT = '}}';
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const ALNUM = /^[\p{L}\p{Nd}_]$/u;
const isAlphaNumeric = (c: string | undefined) => c !== undefined && (c === '_' || ALNUM.test(c));
const hasLeftTrimMarker = (s: string, i: number) => s[i] === '-' && isSpace(s[i + 1]);
const hasRightTrimMarker = (s: string, i: number) => isSpace(s[i]) && s[i + 1] === '-';

/** Go's item.String(), used in "unexpected … in …" messages. */
export function itemString(i: Item): string {
  if (i.typ === 'EOF') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (isKeyword(i.typ)) return `<${i.val}>`;
  const runes = Array.from(i.val);
  if (runes.length > 10) return quote(runes.slice(0, 10).join('')) + '...';
  return quote(i.val);
}

/** %#U of a rune, as in "bad character U+0023 '#'". */
export function sharpU(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}

/** Lex the whole input into items, ending with EOF or an error item. */
export function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let parenDepth = 0;
  const lineAt = (p: number) => {
    let n = 1;
    for (let i = input.indexOf('\n'); i >= 0 && i < p; i = input.indexOf('\n', i + 1)) n++;
    return n;
  };
  const emit = (typ: ItemType, from = start, to = pos) => {
    items.push({ typ, pos: from, val: input.slice(from, to), line: lineAt(from) });
    start = pos;
  };
  const fail = (msg: string) => {
    items.push({ typ: 'error', pos: start, val: msg, line: lineAt(start) });
  };
  const atRightDelim = (): [boolean, boolean] => {
    if (input.startsWith(RIGHT, pos)) return [true, false];
    if (hasRightTrimMarker(input, pos) && input.startsWith(RIGHT, pos + 2)) return [true, true];
    return [false, false];
  };
  const peekChar = () => {
    const cp = input.codePointAt(pos);
    return cp === undefined ? undefined : String.fromCodePoint(cp);
  };
  const atTerminator = () => {
    const r = input[pos];
    if (r === undefined || isSpace(r)) return true;
    if ('.,|:)('.includes(r)) return true;
    return input.startsWith(RIGHT, pos);
  };
  const leftTrimLength = (p: number) => {
    let q = p;
    while (isSpace(input[q])) q++;
    return q - p;
  };

  // lexText / lexLeftDelim / lexComment, then lexInsideAction until the right delimiter.
  for (;;) {
    const x = input.indexOf(LEFT, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) emit('text');
      emit('EOF');
      return items;
    }
    let textEnd = x;
    if (hasLeftTrimMarker(input, x + LEFT.length)) while (textEnd > start && isSpace(input[textEnd - 1])) textEnd--;
    if (textEnd > start) emit('text', start, textEnd);
    pos = x + LEFT.length;
    start = x;
    const trimLeft = hasLeftTrimMarker(input, pos);
    const afterMarker = trimLeft ? 2 : 0;
    if (input.startsWith('/*', pos + afterMarker)) {
      pos += afterMarker;
      start = pos;
      const close = input.indexOf('*/', pos + 2);
      if (close < 0) {
        fail('unclosed comment');
        return items;
      }
      pos = close + 2;
      const [delim, trim] = atRightDelim();
      if (!delim) {
        fail('comment ends before closing delimiter');
        return items;
      }
      pos += (trim ? 2 : 0) + RIGHT.length;
      if (trim) pos += leftTrimLength(pos);
      start = pos;
      continue;
    }
    items.push({ typ: 'leftDelim', pos: x, val: LEFT, line: lineAt(x) });
    pos += afterMarker;
    start = pos;
    parenDepth = 0;
    // Inside the action.
    for (;;) {
      const [delim, trim] = atRightDelim();
      if (delim) {
        if (parenDepth !== 0) {
          fail('unclosed left paren');
          return items;
        }
        if (trim) pos += 2;
        start = pos;
        pos += RIGHT.length;
        emit('rightDelim');
        if (trim) pos += leftTrimLength(pos);
        start = pos;
        break;
      }
      const r = peekChar();
      if (r === undefined) {
        fail('unclosed action');
        return items;
      }
      pos += r.length;
      if (isSpace(r)) {
        pos -= r.length;
        let n = 0;
        while (isSpace(input[pos])) {
          pos++;
          n++;
        }
        // " -}}": leave the trim marker's space for the right delimiter.
        if (hasRightTrimMarker(input, pos - 1) && input.startsWith(RIGHT, pos + 1)) {
          pos--;
          if (n === 1) continue;
        }
        emit('space');
      } else if (r === '=') emit('assign');
      else if (r === ':') {
        if (input[pos] !== '=') {
          fail('expected :=');
          return items;
        }
        pos++;
        emit('declare');
      } else if (r === '|') emit('pipe');
      else if (r === '"' || r === "'") {
        const unterminated = r === '"' ? 'unterminated quoted string' : 'unterminated character constant';
        for (;;) {
          const c = input[pos++];
          if (c === '\\') {
            const d = input[pos++];
            if (d !== undefined && d !== '\n') continue;
            fail(unterminated);
            return items;
          }
          if (c === undefined || c === '\n') {
            fail(unterminated);
            return items;
          }
          if (c === r) break;
        }
        emit(r === '"' ? 'string' : 'charConstant');
      } else if (r === '`') {
        const close = input.indexOf('`', pos);
        if (close < 0) {
          fail('unterminated raw quoted string');
          return items;
        }
        pos = close + 1;
        emit('rawString');
      } else if (r === '$' || (r === '.' && pos < input.length && !(input[pos]! >= '0' && input[pos]! <= '9'))) {
        // A variable ($, $x) or a field (.X); a lone "." is dot.
        if (atTerminator()) emit(r === '$' ? 'variable' : 'dot');
        else {
          while (isAlphaNumeric(peekChar())) pos += peekChar()!.length;
          if (!atTerminator()) {
            fail(`bad character ${sharpU(peekChar()!)}`);
            return items;
          }
          emit(r === '$' ? 'variable' : 'field');
        }
      } else if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
        pos -= 1;
        if (!scanNumber()) {
          fail(`bad number syntax: ${quote(input.slice(start, pos))}`);
          return items;
        }
        if (input[pos] === '+' || input[pos] === '-') {
          if (!scanNumber() || input[pos - 1] !== 'i') {
            fail(`bad number syntax: ${quote(input.slice(start, pos))}`);
            return items;
          }
          emit('complex');
        } else emit('number');
      } else if (isAlphaNumeric(r)) {
        while (isAlphaNumeric(peekChar())) pos += peekChar()!.length;
        const word = input.slice(start, pos);
        if (!atTerminator()) {
          fail(`bad character ${sharpU(peekChar()!)}`);
          return items;
        }
        const kw = KEYWORDS[word];
        if (kw && Object.prototype.hasOwnProperty.call(KEYWORDS, word)) emit(kw);
        else if (word === 'true' || word === 'false') emit('bool');
        else emit('identifier');
      } else if (r === '(') {
        parenDepth++;
        emit('leftParen');
      } else if (r === ')') {
        parenDepth--;
        if (parenDepth < 0) {
          fail('unexpected right paren');
          return items;
        }
        emit('rightParen');
      } else if (r.length === 1 && r >= ' ' && r <= '~') emit('char');
      else {
        fail(`unrecognized character in action: ${sharpU(r)}`);
        return items;
      }
    }
  }

  function accept(valid: string): boolean {
    const c = input[pos];
    if (c !== undefined && valid.includes(c)) {
      pos++;
      return true;
    }
    return false;
  }
  function acceptRun(valid: string): void {
    while (accept(valid));
  }
  function scanNumber(): boolean {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peekChar())) {
      pos += peekChar()!.length;
      return false;
    }
    return true;
  }
}
