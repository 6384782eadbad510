// Bundles the mailstore node for plain `node` (lib/node/bundle.ts): `node .data/build/mailstore-node.mjs --host ...`.
import { buildNodeBundle } from '../lib/node/bundle';

buildNodeBundle().then((out) => console.log(`mailstore node bundled: ${out}`), (err) => {
  console.error(`bundling the mailstore node failed: ${(err as Error).message}`);
  process.exit(1);
});
