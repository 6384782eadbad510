import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the folder holding this project's package.json. */
export function projectRoot(): string {
  const fromEnv = process.env.CARBONIO_PROJECT_ROOT;
  if (fromEnv) return fromEnv;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'prisma'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

/** Where the stack keeps Kafka's log dirs, a private MariaDB, blobs and run-time files. */
export function dataDir(): string {
  const d = process.env.CARBONIO_DATA_DIR;
  if (d) return path.resolve(d);
  return path.join(projectRoot(), '.data');
}
