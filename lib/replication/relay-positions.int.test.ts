import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { migrateDatabase } from '../db/migrate';
import { createPool, type Pool } from '../db/pool';
import { advancePositions, readPositions } from './relay-positions';

let env: TestEnv;
let db: Pool;

beforeAll(async () => {
  env = await createTestEnv('relay_pos');
  const url = env.mailstoreDbUrl('mbox1.relay-pos.test');
  await migrateDatabase(url, 'mailstore');
  db = createPool(url, { connectionLimit: 2 });
});
afterAll(async () => {
  await db?.end();
  await env?.cleanup();
});

it('advances every partition of a batch in one statement, never backwards, leaving the others alone', async () => {
  await advancePositions(db, new Map([[0, 10], [3, 7], [5, 1]]));
  await advancePositions(db, new Map([[0, 12], [3, 2], [7, 40]]));
  await advancePositions(db, new Map());
  expect(await readPositions(db)).toEqual(new Map([[0, 12], [3, 7], [5, 1], [7, 40]]));
});
