import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

describe('parseArgs', () => {
  it.each<[string, string[], unknown]>([
    ['no arguments runs everything quietly', [], { args: { verbose: false } }],
    ['--suite takes a family', ['--suite', 'promql'], { args: { verbose: false, suite: 'promql' } }],
    ['--suite=FAMILY works too', ['--suite=logql', '--verbose'], { args: { verbose: true, suite: 'logql' } }],
    ['--dir takes a folder', ['--dir', '/tmp/x'], { args: { verbose: false, dir: '/tmp/x' } }],
  ])('%s', (_title, argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  it.each<[string, string[], string]>([
    ['an unknown family', ['--suite', 'sql'], 'not "sql"'],
    ['a missing folder', ['--dir'], '--dir needs a folder'],
    ['an unknown flag', ['--fast'], 'unknown argument "--fast"'],
  ])('rejects %s', (_title, argv, message) => {
    const result = parseArgs(argv);
    expect('error' in result && result.error).toContain(message);
  });
});
