import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { dataDir } from './paths';

/**
 * What a running stack (the demo, or the test stack) tells the CLI and the console, so that
 * `npx carbonio ...` in the repository works with no extra environment.
 */
export const RuntimeInfoSchema = z.object({
  dbUrl: z.string(),
  dbPrefix: z.string().default(''),
  brokers: z.array(z.string()),
  consoleUrl: z.string().optional(),
  blobDir: z.string(),
  nodes: z.record(z.string(), z.object({ apiUrl: z.string(), pid: z.number().optional() })).default({}),
  startedAt: z.string(),
});
export type RuntimeInfo = z.infer<typeof RuntimeInfoSchema>;

export function runtimeFilePath(dir = dataDir()) {
  return path.join(dir, 'runtime.json');
}

export function readRuntimeInfo(dir = dataDir()): RuntimeInfo | undefined {
  const file = runtimeFilePath(dir);
  if (!existsSync(file)) return undefined;
  const parsed = RuntimeInfoSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

export function writeRuntimeInfo(info: RuntimeInfo, dir = dataDir()) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(runtimeFilePath(dir), JSON.stringify(info, null, 2));
}
