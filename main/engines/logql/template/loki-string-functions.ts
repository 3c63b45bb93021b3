// Loki's string functions (pkg/logql/log/fmt.go functionMap plus the sprig functions it
// imports), with Go's parameter types and sprig's argument order (the string comes last).

import { FuncError, fn, type FuncMap } from './func-types';
import { b64decode, b64encode } from './go-base64';
import { queryEscape, queryUnescape } from './go-escape';
import * as S from './go-strings';
import { GoInt, type GoValue } from './go-values';
import { byteSlice, utf8Length } from './utf8';

const str = (a: GoValue[], i: number) => a[i] as string;
const num = (a: GoValue[], i: number) => Number((a[i] as GoInt).v);

/** Go's runtime message for an out-of-range s[lo:hi]. */
function sliceBounds(len: number, lo: number | undefined, hi: number | undefined): string | undefined {
  const h = hi ?? len;
  if (hi !== undefined && (hi < 0 || hi > len)) return `runtime error: slice bounds out of range [:${hi}]${hi > len ? ` with length ${len}` : ''}`;
  if (lo !== undefined && lo < 0) return `runtime error: slice bounds out of range [${lo}:]`;
  if (lo !== undefined && lo > h) return `runtime error: slice bounds out of range [${lo}:${h}]`;
  return undefined;
}

function goSlice(s: string, lo: number | undefined, hi: number | undefined): string {
  const len = utf8Length(s);
  const err = sliceBounds(len, lo, hi);
  if (err) throw new FuncError(err);
  return byteSlice(s, lo ?? 0, hi ?? len);
}

/** sprig substr: byte offsets, and Go's slice panics when they are out of range. */
function substr(start: number, end: number, s: string): string {
  if (start < 0) return goSlice(s, undefined, end);
  if (end < 0 || end > utf8Length(s)) return goSlice(s, start, undefined);
  return goSlice(s, start, end);
}

/** sprig trunc: byte-based, never panics. */
function trunc(c: number, s: string): string {
  const len = utf8Length(s);
  if (c < 0 && len + c > 0) return byteSlice(s, len + c, len);
  if (c >= 0 && len > c) return byteSlice(s, 0, c);
  return s;
}

function align(count: number, src: string, left: boolean): string {
  const r = [...src];
  if (count < 0 || count === r.length) return src;
  const pad = count - r.length;
  if (pad > 0) return left ? src + ' '.repeat(pad) : ' '.repeat(pad) + src;
  return left ? r.slice(0, count).join('') : r.slice(r.length - count).join('');
}

/** Count non-overlapping matches through the regex port's replaceAll, with a marker rune. */
function countMatches(re: { replaceAll(s: string, r: string, literal: boolean): string }, s: string): number {
  let marker = 0xe000;
  while (s.includes(String.fromCharCode(marker))) marker++;
  const m = String.fromCharCode(marker);
  return re.replaceAll(s, m, true).split(m).length - 1;
}

export const LOKI_STRING_FUNCTIONS: FuncMap = {
  ToLower: fn(['string'], (a) => S.toLower(str(a, 0))),
  ToUpper: fn(['string'], (a) => S.toUpper(str(a, 0))),
  Replace: fn(['string', 'string', 'string', 'int'], (a) => S.replace(str(a, 0), str(a, 1), str(a, 2), num(a, 3))),
  Trim: fn(['string', 'string'], (a) => S.trimSet(str(a, 0), str(a, 1))),
  TrimLeft: fn(['string', 'string'], (a) => S.trimLeftSet(str(a, 0), str(a, 1))),
  TrimRight: fn(['string', 'string'], (a) => S.trimRightSet(str(a, 0), str(a, 1))),
  TrimPrefix: fn(['string', 'string'], (a) => S.trimPrefix(str(a, 0), str(a, 1))),
  TrimSuffix: fn(['string', 'string'], (a) => S.trimSuffix(str(a, 0), str(a, 1))),
  TrimSpace: fn(['string'], (a) => S.trimSpace(str(a, 0))),
  regexReplaceAll: fn(['string', 'string', 'string'], (a, ctx) => {
    const r = ctx.regex(str(a, 0));
    if (!r.ok) throw new FuncError(r.error);
    return r.re.replaceAll(str(a, 1), str(a, 2), false);
  }),
  regexReplaceAllLiteral: fn(['string', 'string', 'string'], (a, ctx) => {
    const r = ctx.regex(str(a, 0));
    if (!r.ok) throw new FuncError(r.error);
    return r.re.replaceAll(str(a, 1), str(a, 2), true);
  }),
  count: fn(['string', 'string'], (a, ctx) => {
    const r = ctx.regex(str(a, 0));
    if (!r.ok) throw new FuncError(r.error);
    return new GoInt(BigInt(countMatches(r.re, str(a, 1))));
  }),
  urldecode: fn(['string'], (a) => {
    const r = queryUnescape(str(a, 0));
    if (!r.ok) throw new FuncError(r.error);
    return r.value;
  }),
  urlencode: fn(['string'], (a) => queryEscape(str(a, 0))),
  alignLeft: fn(['int', 'string'], (a) => align(num(a, 0), str(a, 1), true)),
  alignRight: fn(['int', 'string'], (a) => align(num(a, 0), str(a, 1), false)),
  b64dec: fn(['string'], (a) => {
    // Loki pads a missing "=" or "==" before decoding and prints the error text on failure.
    let v = str(a, 0);
    const rem = utf8Length(v) % 4;
    if (rem !== 0 && rem !== 1) v += '='.repeat(4 - rem);
    const r = b64decode(v);
    return r.ok ? r.value : r.error;
  }),
  b64enc: fn(['string'], (a) => b64encode(str(a, 0))),
  lower: fn(['string'], (a) => S.toLower(str(a, 0))),
  upper: fn(['string'], (a) => S.toUpper(str(a, 0))),
  title: fn(['string'], (a) => S.title(str(a, 0))),
  trunc: fn(['int', 'string'], (a) => trunc(num(a, 0), str(a, 1))),
  substr: fn(['int', 'int', 'string'], (a) => substr(num(a, 0), num(a, 1), str(a, 2))),
  contains: fn(['string', 'string'], (a) => str(a, 1).includes(str(a, 0))),
  hasPrefix: fn(['string', 'string'], (a) => str(a, 1).startsWith(str(a, 0))),
  hasSuffix: fn(['string', 'string'], (a) => str(a, 1).endsWith(str(a, 0))),
  indent: fn(['int', 'string'], (a) => {
    const pad = S.repeat(' ', num(a, 0));
    return pad + str(a, 1).split('\n').join('\n' + pad);
  }),
  nindent: fn(['int', 'string'], (a) => {
    const pad = S.repeat(' ', num(a, 0));
    return '\n' + pad + str(a, 1).split('\n').join('\n' + pad);
  }),
  replace: fn(['string', 'string', 'string'], (a) => S.replace(str(a, 2), str(a, 0), str(a, 1), -1)),
  repeat: fn(['int', 'string'], (a) => S.repeat(str(a, 1), num(a, 0))),
  trim: fn(['string'], (a) => S.trimSpace(str(a, 0))),
  trimAll: fn(['string', 'string'], (a) => S.trimSet(str(a, 1), str(a, 0))),
  trimSuffix: fn(['string', 'string'], (a) => S.trimSuffix(str(a, 1), str(a, 0))),
  trimPrefix: fn(['string', 'string'], (a) => S.trimPrefix(str(a, 1), str(a, 0))),
};
