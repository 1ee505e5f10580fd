#!/usr/bin/env node
// The `accord` command. Source is TypeScript run by Node's type stripping (Node >= 26).
import { main } from '../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
