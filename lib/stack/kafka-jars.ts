import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/paths';
import { StackError } from './java';

/**
 * Resolves Kafka's jars from Maven Central into libDir (once per version of stack/kafka/pom.xml).
 * Returns the classpath glob.
 */
export function ensureKafkaJars(libDir: string, log: (line: string) => void = () => undefined): string {
  const pom = path.join(projectRoot(), 'stack', 'kafka', 'pom.xml');
  const hash = createHash('sha256').update(readFileSync(pom)).digest('hex').slice(0, 16);
  const marker = path.join(libDir, `.complete-${hash}`);
  if (existsSync(marker)) return `${libDir}/*`;
  log(`Fetching the Kafka jars from Maven Central into ${libDir} (once)...`);
  rmSync(libDir, { recursive: true, force: true });
  mkdirSync(libDir, { recursive: true });
  try {
    execFileSync('mvn', ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${libDir}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { code?: string; stdout?: Buffer; stderr?: Buffer };
    if (e.code === 'ENOENT') throw new StackError('Maven (mvn) was not found; it fetches the Kafka jars: apt-get install -y maven');
    throw new StackError(`Maven could not fetch the Kafka jars: ${String(e.stdout ?? '')}${String(e.stderr ?? '')}`.slice(0, 2000));
  }
  if (!readdirSync(libDir).some((f) => f.startsWith('kafka_2.13-'))) throw new StackError(`Maven finished but ${libDir} holds no kafka_2.13 jar`);
  writeFileSync(marker, new Date().toISOString());
  return `${libDir}/*`;
}
