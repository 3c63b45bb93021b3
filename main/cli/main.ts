import { runCli } from './run-cli';

// The `vigie` command's entry (bin/vigie.mjs runs this, built or through tsx).
void runCli(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then((code) => process.exit(code));
