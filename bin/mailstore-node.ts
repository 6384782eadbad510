#!/usr/bin/env -S npx tsx
// One mailstore node: mailbox service + HA module. See lib/node/main.ts.
import { main } from '../lib/node/main';

void main(process.argv.slice(2));
