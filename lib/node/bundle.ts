import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../config/paths';

/**
 * Node flags a mailstore node runs with. V8 otherwise sizes its heap from the machine's memory
 * and grows it freely under bursts (measured peak RSS 360 to 460 MiB while applying a backlog);
 * with these the peak stays near 200 to 250 MiB for a few percent of throughput. The largest live
 * heap measured (a bounded Kafka fetch being applied) is well under the cap.
 */
export const NODE_RUNTIME_FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=8'];

/** Where `npm run build:node` writes the mailstore node: one ES module, packages left in node_modules. */
export function nodeBundlePath(): string {
  return path.join(projectRoot(), '.data', 'build', 'mailstore-node.mjs');
}

/**
 * Bundles bin/mailstore-node.ts and the core it imports into one JavaScript file, so that a node
 * runs on plain `node`, without the TypeScript loader: the loader's worker thread and compile
 * cache cost every node about 45 MiB of resident memory. Written next to the project's
 * node_modules (dependencies stay external) and renamed into place, so concurrent builds are safe.
 */
export async function buildNodeBundle(): Promise<string> {
  const out = nodeBundlePath();
  mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${randomUUID()}.tmp.mjs`;
  await build({
    entryPoints: [path.join(projectRoot(), 'bin', 'mailstore-node.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  renameSync(tmp, out);
  return out;
}
