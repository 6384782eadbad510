import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every page and API route of the console, found by walking app/ (dynamic segments filled with samples). */
export interface RouteInfo {
  url: string;
  file: string;
  kind: 'page' | 'api';
  methods: string[];
}

const APP = path.resolve(process.cwd(), 'app');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function urlOf(file: string, samples: Record<string, string>): string {
  const segs = path.relative(APP, path.dirname(file)).split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('_'))
    .map((s) => (s.startsWith('[') ? encodeURIComponent(samples[s.replace(/[[\].]/g, '')] ?? 'sample') : s));
  return `/${segs.join('/')}`;
}

export function consoleRoutes(samples: Record<string, string>): RouteInfo[] {
  return walk(APP).flatMap((file): RouteInfo[] => {
    if (file.endsWith(`${path.sep}route.ts`)) {
      const methods = [...readFileSync(file, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
      return [{ url: urlOf(file, samples), file, kind: 'api', methods }];
    }
    if (file.endsWith(`${path.sep}page.tsx`)) return [{ url: urlOf(file, samples), file, kind: 'page', methods: ['GET'] }];
    return [];
  });
}
