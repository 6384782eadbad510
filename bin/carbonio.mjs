#!/usr/bin/env node
// The `carbonio` command. A thin shell: it loads the TypeScript CLI (lib/cli) through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
