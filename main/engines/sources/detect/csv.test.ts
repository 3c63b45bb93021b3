import { describe, expect, it } from 'vitest';
import { csvRecords, parseCsv } from './csv';

describe('parseCsv', () => {
  const cases: { name: string; text: string; rows: string[][] }[] = [
    { name: 'plain fields split on commas', text: 'a,b,c', rows: [['a', 'b', 'c']] },
    { name: 'CRLF and LF both end a record', text: 'a,b\r\nc,d\ne,f\r\n', rows: [['a', 'b'], ['c', 'd'], ['e', 'f']] },
    { name: 'a quoted field keeps its commas', text: '1,"18:01:47,978",INFO', rows: [['1', '18:01:47,978', 'INFO']] },
    { name: 'doubled quotes inside quotes are one quote', text: '"tag=""View Lock"", x",2', rows: [['tag="View Lock", x', '2']] },
    { name: 'a quoted field may span lines', text: '"a\nb",c', rows: [['a\nb', 'c']] },
    { name: 'empty fields are kept', text: ',x,,', rows: [['', 'x', '', '']] },
    { name: 'an empty text has no rows', text: '', rows: [] },
  ];
  it.each(cases)('$name', ({ text, rows }) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it('maps rows to records by header name', () => {
    expect(csvRecords('LineId,Time\r\n1,"04:47:44"\r\n')).toEqual([{ LineId: '1', Time: '04:47:44' }]);
  });
});
