import { spawnSync } from 'node:child_process';
import { HaError } from '../errors';

export class StackError extends HaError {
  constructor(message: string) {
    super('unavailable', message);
  }
}

/** The java binary to run Kafka with (Java 17 or newer), or a clear error naming the fix. */
export function findJava(): string {
  const java = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java';
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new StackError(`Java was not found (${java}). Kafka needs Java 17 or newer: apt-get install -y openjdk-17-jre-headless, or set JAVA_HOME.`);
  }
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out);
  const major = m ? (Number(m[1]) === 1 ? Number(m[2]) : Number(m[1])) : 0;
  if (major < 17) throw new StackError(`Kafka needs Java 17 or newer; ${java} is ${m ? `Java ${major}` : 'unrecognised'}. Install openjdk-17-jre-headless or set JAVA_HOME.`);
  return java;
}
