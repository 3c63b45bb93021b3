// Command-line arguments: `[--suite FAMILY] [--dir PATH] [--verbose]` (also `--x=value`).
// Errors are returned, not thrown, so main can print them and exit 2.

import { FAMILIES, isFamily, type Family } from './model';

export interface ConformanceArgs {
  suite?: Family;
  dir?: string;
  verbose: boolean;
}

export const USAGE = `usage: npm run conformance [-- --suite ${FAMILIES.join('|')}] [--dir PATH] [--verbose]`;

export function parseArgs(argv: string[]): { args: ConformanceArgs } | { error: string } {
  const args: ConformanceArgs = { verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--verbose' || flag === '-v') {
      if (inline !== undefined) return { error: '--verbose takes no value' };
      args.verbose = true;
    } else if (flag === '--suite') {
      const v = value();
      if (!v || !isFamily(v)) return { error: `--suite needs one of ${FAMILIES.join(', ')}${v ? `, not ${JSON.stringify(v)}` : ''}` };
      args.suite = v;
    } else if (flag === '--dir') {
      const v = value();
      if (!v || v.startsWith('--')) return { error: '--dir needs a folder' };
      args.dir = v;
    } else {
      return { error: `unknown argument ${JSON.stringify(raw)}` };
    }
  }
  return { args };
}
