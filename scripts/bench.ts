// npm run bench [-- --quick] [--out FILE] [--only publish,apply,...]: every performance goal of
// issue 9 measured in one run against this machine's limits. See README.md ("Performance").
import path from 'node:path';
import { parseBenchArgs, USAGE } from '../lib/bench/args';
import { BENCH_DIR } from '../lib/bench/infrastructure';
import { describeCpuShare } from '../lib/bench/cpu-times';
import { describeMachine } from '../lib/bench/machine';
import { runBench } from '../lib/bench/runner';
import { formatMarkdown, formatTable } from '../lib/bench/table';
import { writeResultsJson } from '../lib/bench/write-json';

let args;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  console.error(`bench: ${(err as Error).message}\nusage: ${USAGE}`);
  process.exit(2);
}
const out = args.out ?? path.join(BENCH_DIR, 'results.json');
try {
  const run = await runBench(args);
  console.log(`\nProfile ${run.profile}; machine: ${describeMachine(run.machine.before)} (load average after: ${run.machine.after.loadAverage.join(' / ')}${run.cpu ? `; over the run, ${describeCpuShare(run.cpu)}` : ''})\n`);
  console.log(formatTable(run.results));
  console.log(`\nMarkdown:\n\n${formatMarkdown(run.results)}\n`);
  writeResultsJson(out, run.results);
  console.log(`Results written to ${out}`);
  process.exit(run.results.some((r) => r.error) ? 1 : 0);
} catch (err) {
  console.error(`bench failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
}
