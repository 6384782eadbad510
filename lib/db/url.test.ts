import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { connectionOptions, describeTarget, parseDbUrl, withDatabase } from './url';

describe('parseDbUrl', () => {
  it('reads user, password, host, port and database', () => {
    expect(parseDbUrl('mysql://ha:s%40cret@db.example.com:3307/carbonio_ha')).toEqual({
      host: 'db.example.com', port: 3307, user: 'ha', password: 's@cret', database: 'carbonio_ha', socketPath: undefined,
    });
  });

  it('takes a Unix socket from ?socket= and connects through it rather than TCP', () => {
    const t = parseDbUrl('mysql://root@127.0.0.1:23306/db?socket=/run/mysqld/mysqld.sock');
    expect(t.socketPath).toBe('/run/mysqld/mysqld.sock');
    expect(connectionOptions(t)).toMatchObject({ socketPath: '/run/mysqld/mysqld.sock', user: 'root' });
    expect(describeTarget(t)).toBe('/run/mysqld/mysqld.sock (127.0.0.1:23306)');
    expect(connectionOptions(parseDbUrl('mysql://root@127.0.0.1:3306'))).not.toHaveProperty('socketPath');
  });

  it('keeps the socket when the database changes', () => {
    expect(parseDbUrl(withDatabase('mysql://root@127.0.0.1:23306?socket=/tmp/m.sock', 'other'))).toMatchObject({ database: 'other', socketPath: '/tmp/m.sock' });
  });

  it('names what is wrong: unknown parameters, relative sockets, other schemes', () => {
    expect(() => parseDbUrl('mysql://root@h/db?sslmode=require')).toThrow(/Unknown database URL parameter sslmode/);
    expect(() => parseDbUrl('mysql://root@h/db?socket=mysqld.sock')).toThrow(/absolute path/);
    expect(() => parseDbUrl('postgres://root@h/db')).toThrow(ValidationError);
  });
});
