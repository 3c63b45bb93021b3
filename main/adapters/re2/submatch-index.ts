import RE2 from 're2';
import type { SubmatchIndex } from '../../engines/pipeline/types';

/** Go's FindAllStringSubmatchIndex on RE2 (the `d` flag gives group offsets). */
export const re2SubmatchIndex: SubmatchIndex = (pattern, subject) => {
  let re: RE2;
  try {
    re = new RE2(pattern, 'gud');
  } catch {
    return null;
  }
  const out: ([number, number] | undefined)[][] = [];
  let prevEnd = -1;
  re.lastIndex = 0;
  for (;;) {
    const m = re.exec(subject) as (RegExpExecArray & { indices?: ([number, number] | undefined)[] }) | null;
    if (!m) break;
    const end = m.index + m[0].length;
    if (!(m[0].length === 0 && m.index === prevEnd)) {
      out.push(m.indices ? [...m.indices].map((x) => (x ? [x[0], x[1]] : undefined)) : [[m.index, end]]);
      prevEnd = end;
    }
    if (m[0].length === 0) re.lastIndex = end + (subject.codePointAt(end)! > 0xffff ? 2 : 1);
    if (re.lastIndex > subject.length) break;
  }
  return out;
};
