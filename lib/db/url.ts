import { ValidationError } from '../errors';

export interface DbTarget {
  host: string;
  port: number;
  user: string;
  password?: string;
  database?: string;
  /** The server's Unix socket (`?socket=/path`), used instead of TCP when set. */
  socketPath?: string;
}

/** Parses mysql://user[:password]@host[:port][/database][?socket=/path] into driver options. */
export function parseDbUrl(url: string): DbTarget {
  let u: URL;
  try {
    u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  } catch {
    throw ValidationError.single('dbUrl', `Not a database URL: ${redactDbUrl(url)}`);
  }
  if (u.protocol !== 'mysql:') throw ValidationError.single('dbUrl', `Database URLs start with mysql:// (got ${u.protocol})`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined;
  const unknown = [...u.searchParams.keys()].filter((k) => k !== 'socket');
  if (unknown.length) throw ValidationError.single('dbUrl', `Unknown database URL parameter ${unknown.join(', ')} in ${redactDbUrl(url)} (the only one is socket=/path/to/mysqld.sock)`);
  const socketPath = u.searchParams.get('socket') ?? undefined;
  if (socketPath !== undefined && !socketPath.startsWith('/')) throw ValidationError.single('dbUrl', `The socket parameter of ${redactDbUrl(url)} must be an absolute path (got "${socketPath}")`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username || 'root'),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database,
    socketPath,
  };
}

/** The driver's connection options of a target: the socket when given, else host and port. */
export function connectionOptions(t: DbTarget): { host: string; port: number; socketPath?: string; user: string; password?: string } {
  return { host: t.host, port: t.port, ...(t.socketPath ? { socketPath: t.socketPath } : {}), user: t.user, password: t.password };
}

/** Where a target is, for messages. */
export function describeTarget(t: DbTarget): string {
  return t.socketPath ? `${t.socketPath} (${t.host}:${t.port})` : `${t.host}:${t.port}`;
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
