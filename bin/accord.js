#!/usr/bin/env node
// The `accord` command. Source is TypeScript run by Node's type stripping (Node >= 26).
import { main } from '../src/cli/main.ts';

// A reader that stopped early (`accord ... | head`) has closed the pipe: the rest is not wanted,
// which is no failure of the command. Any other output error is.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
