// npm run kafka -- start|stop|status [--brokers 3] [--port 9092]
// Runs the project's own Kafka (KRaft, jars from Maven Central) with data under .data/kafka/.
import path from 'node:path';
import { dataDir } from '../lib/config/paths';
import { HaError } from '../lib/errors';
import { kafkaStatus, startKafka, stopKafka } from '../lib/stack/kafka-cluster';

const args = process.argv.slice(2);
const cmd = args[0] ?? 'status';
const brokers = args.includes('--brokers') ? Number(args[args.indexOf('--brokers') + 1]) : 1;
const basePort = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : 9092;
if (brokers !== 1 && brokers !== 3) {
  console.error('--brokers must be 1 or 3');
  process.exit(2);
}
const opts = {
  dir: path.join(dataDir(), 'kafka', brokers === 3 ? 'triple' : 'single'),
  libDir: path.join(dataDir(), 'kafka', 'libs'),
  brokers: brokers as 1 | 3,
  basePort,
  log: (l: string) => console.log(l),
};

try {
  if (cmd === 'start') {
    const t0 = Date.now();
    const r = await startKafka(opts);
    console.log(`Kafka is up at ${r.brokers.join(',')} (${((Date.now() - t0) / 1000).toFixed(1)} s${r.started.length ? '' : ', already running'})`);
  } else if (cmd === 'stop') {
    await stopKafka(opts);
    console.log('Kafka stopped');
  } else if (cmd === 'status') {
    const s = await kafkaStatus(opts);
    console.log(JSON.stringify(s, null, 2));
    process.exit(s.running ? 0 : 1);
  } else {
    console.error(`unknown command "${cmd}": use start, stop or status`);
    process.exit(2);
  }
} catch (err) {
  console.error(err instanceof HaError ? err.message : err);
  process.exit(1);
}
