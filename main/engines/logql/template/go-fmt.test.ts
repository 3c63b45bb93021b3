// fmt.Sprintf as Go prints it: verbs, flags, width/precision and the in-band error forms.
import { describe, expect, it } from 'vitest';
import { run } from './test-run';

describe('printf formats like Go fmt', () => {
  it.each([
    ['%s and %v of strings', '{{printf "%s|%v|%q" "a" "b" "c\\n"}}', 'a|b|"c\\n"'],
    ['padding with width and - flag', '{{printf "[%5s][%-5s][%.2s]" "ab" "ab" "abc"}}', '[   ab][ab   ][ab]'],
    ['integers with flags', '{{printf "%d|%04d|%+d|%-4d|%x|%X|%o|%b|%#x" 42 42 42 42 255 255 8 5 255}}', '42|0042|+42|42  |ff|FF|10|101|0xff'],
    ['negative zero-padded integers', '{{printf "%05d" -42}}', '-0042'],
    ['floats', '{{printf "%f|%.2f|%8.3f|%e|%g|%G" 3.14159 3.14159 3.14159 1234.5678 0.000012 1e21}}', '3.141590|3.14|   3.142|1.234568e+03|1.2e-05|1E+21'],
    ['floats round half to even', '{{printf "%.0f %.0f %.1f %.2f" 0.5 1.5 0.25 1.005}}', '0 2 0.2 1.00'],
    ['%v of floats uses the shortest form with an exponent from 1e21', '{{printf "%v %v %v" 1e6 123456.0 0.0001}}', '1e+06 123456 0.0001'],
    ['booleans and characters', '{{printf "%t %v %c %q %U" true false 65 66 67}}', "true false A 'B' U+0043"],
    ['type names', '{{printf "%T %T %T %T" "s" 1 1.5 true}}', 'string int float64 bool'],
    ['hex of strings', '{{printf "%x %X % x" "hi" "hi" "hi"}}', '6869 6869 68 69'],
    ['a literal percent', '{{printf "100%%"}}', '100%'],
    ['wrong types', '{{printf "%d %s %t" "abc" 5 1.5}}', '%!d(string=abc) %!s(int=5) %!t(float64=1.5)'],
    ['missing arguments', '{{printf "%s %d"  "a"}}', 'a %!d(MISSING)'],
    ['extra arguments', '{{printf "%s" "a" 1 "x"}}', 'a%!(EXTRA int=1, string=x)'],
    ['a trailing percent', '{{printf "50%"}}', '50%!(NOVERB)'],
    ['nil arguments', '{{printf "%s|%v" nil nil}}', '%!s(<nil>)|<nil>'],
    ['star width', '{{printf "[%*d]" 5 42}}', '[   42]'],
    ['argument indexes', '{{printf "%[2]s %[1]s" "a" "b"}}', 'b a'],
    ['times through their String method', '{{printf "%s" __timestamp__}}', '2026-11-20 00:00:04.517 +0000 UTC'],
    ['the conformance row', '{{ printf "%-5s|%4s|%s" "info" "200" "/api/search" }}', 'info | 200|/api/search'],
  ])('%s', (_name, text, want) => {
    expect(run(text)).toBe(want);
  });
});
