import { haDatabaseName, mailstoreDatabaseName } from '../db/names';
import { withDatabase } from '../db/url';
import { ValidationError } from '../errors';
import { env } from './env';
import { readRuntimeInfo } from './runtime-file';

/** The MariaDB server URL (no database): env first, then the running stack's runtime file. */
export function dbServerUrl(): string {
  const e = env();
  if (e.CARBONIO_DB_URL) return e.CARBONIO_DB_URL;
  const rt = readRuntimeInfo();
  if (rt) return rt.dbUrl;
  throw new ValidationError('No database configured: set CARBONIO_DB_URL (e.g. mysql://root@127.0.0.1:3306) or start the demo (npm run demo).', [
    { field: 'CARBONIO_DB_URL', message: 'not set and no running stack found' },
  ]);
}

export function dbPrefix(): string {
  const e = env();
  if (process.env.CARBONIO_DB_PREFIX !== undefined) return e.CARBONIO_DB_PREFIX;
  return readRuntimeInfo()?.dbPrefix ?? '';
}

/** Full URL of the HA database. */
export function haDbUrl(): string {
  const e = env();
  if (e.CARBONIO_HA_DB_URL) return e.CARBONIO_HA_DB_URL;
  return withDatabase(dbServerUrl(), haDatabaseName(dbPrefix()));
}

/** Full URL of one mailstore's database. */
export function mailstoreDbUrl(host: string): string {
  const e = env();
  if (e.CARBONIO_MAILSTORE_DB_URL) return e.CARBONIO_MAILSTORE_DB_URL;
  return withDatabase(dbServerUrl(), mailstoreDatabaseName(host, dbPrefix()));
}
