#!/usr/bin/env node
// The `carbonio` command. A thin shell: it loads the TypeScript CLI (lib/cli) through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// main() closes its database pools; should a library keep a handle open, do not hang the shell.
setTimeout(() => process.exit(code), 3000).unref();
