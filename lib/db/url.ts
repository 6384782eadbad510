import { ValidationError } from '../errors';

export interface DbTarget {
  host: string;
  port: number;
  user: string;
  password?: string;
  database?: string;
}

/** Parses mysql://user[:password]@host[:port][/database] into driver options. */
export function parseDbUrl(url: string): DbTarget {
  let u: URL;
  try {
    u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  } catch {
    throw ValidationError.single('dbUrl', `Not a database URL: ${redactDbUrl(url)}`);
  }
  if (u.protocol !== 'mysql:') throw ValidationError.single('dbUrl', `Database URLs start with mysql:// (got ${u.protocol})`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username || 'root'),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database,
  };
}

/** The same server with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  u.pathname = `/${database}`;
  return u.toString();
}

/** A URL safe to print: the password is replaced. */
export function redactDbUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
