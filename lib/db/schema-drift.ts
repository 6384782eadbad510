import type * as mariadb from 'mariadb';
import type { ExpectedTable } from './schema-model';

/** Reads tables, columns, indexes and foreign keys of one database from information_schema. */
export async function describeDatabase(conn: mariadb.Connection | mariadb.PoolConnection, database: string): Promise<ExpectedTable[]> {
  const cols: { t: string; c: string; type: string; nullable: string; def: string | null }[] = await conn.query(
    `SELECT TABLE_NAME t, COLUMN_NAME c, COLUMN_TYPE type, IS_NULLABLE nullable, COLUMN_DEFAULT def
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    [database],
  );
  const idx: { t: string; name: string; c: string; nonUnique: number }[] = await conn.query(
    `SELECT TABLE_NAME t, INDEX_NAME name, COLUMN_NAME c, NON_UNIQUE nonUnique
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    [database],
  );
  const fks: { t: string; name: string; c: string; rt: string; rc: string; del: string }[] = await conn.query(
    `SELECT k.TABLE_NAME t, k.CONSTRAINT_NAME name, k.COLUMN_NAME c, k.REFERENCED_TABLE_NAME rt,
            k.REFERENCED_COLUMN_NAME rc, r.DELETE_RULE del
       FROM information_schema.KEY_COLUMN_USAGE k
       JOIN information_schema.REFERENTIAL_CONSTRAINTS r
         ON r.CONSTRAINT_SCHEMA = k.TABLE_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
      WHERE k.TABLE_SCHEMA = ? ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
    [database],
  );
  const tables = new Map<string, ExpectedTable>();
  const table = (name: string) => {
    let t = tables.get(name);
    if (!t) tables.set(name, (t = { name, columns: [], indexes: [], foreignKeys: [] }));
    return t;
  };
  for (const c of cols) {
    const def = c.def === null || c.def === 'NULL' ? undefined : c.def.toLowerCase();
    table(c.t).columns.push({ name: c.c, type: c.type, nullable: c.nullable === 'YES', default: def });
  }
  for (const i of idx) {
    const t = table(i.t);
    let index = t.indexes.find((x) => x.name === i.name);
    if (!index) t.indexes.push((index = { name: i.name, columns: [], unique: Number(i.nonUnique) === 0, primary: i.name === 'PRIMARY' }));
    index.columns.push(i.c);
  }
  for (const f of fks) {
    const t = table(f.t);
    let fk = t.foreignKeys.find((x) => x.name === f.name);
    if (!fk) t.foreignKeys.push((fk = { name: f.name, columns: [], refTable: f.rt, refColumns: [], onDelete: f.del }));
    fk.columns.push(f.c);
    fk.refColumns.push(f.rc);
  }
  return [...tables.values()];
}

/** Every difference between what the Prisma schema declares and what the database holds. */
export function compareSchema(expected: ExpectedTable[], actual: ExpectedTable[], ignoreTables = ['_prisma_migrations']): string[] {
  const diffs: string[] = [];
  const actualByName = new Map(actual.map((t) => [t.name, t]));
  for (const e of expected) {
    const a = actualByName.get(e.name);
    if (!a) {
      diffs.push(`table ${e.name} is missing`);
      continue;
    }
    for (const ec of e.columns) {
      const ac = a.columns.find((c) => c.name === ec.name);
      if (!ac) diffs.push(`${e.name}.${ec.name} is missing`);
      else {
        if (ac.type !== ec.type) diffs.push(`${e.name}.${ec.name} is ${ac.type}, the schema says ${ec.type}`);
        if (ac.nullable !== ec.nullable) diffs.push(`${e.name}.${ec.name} nullable=${ac.nullable}, the schema says ${ec.nullable}`);
        if ((ac.default ?? null) !== (ec.default ?? null)) {
          diffs.push(`${e.name}.${ec.name} default ${ac.default ?? 'none'}, the schema says ${ec.default ?? 'none'}`);
        }
      }
    }
    for (const ac of a.columns) {
      if (!e.columns.some((c) => c.name === ac.name)) diffs.push(`${e.name}.${ac.name} is not in the schema`);
    }
    const fkColumns = new Set(e.foreignKeys.map((f) => f.columns.join(',')));
    for (const ei of e.indexes) {
      const ai = a.indexes.find((i) => i.columns.join(',') === ei.columns.join(',') && i.unique === ei.unique && i.primary === ei.primary);
      if (!ai) diffs.push(`${e.name}: ${ei.primary ? 'primary key' : ei.unique ? 'unique index' : 'index'} (${ei.columns.join(', ')}) is missing`);
    }
    for (const ai of a.indexes) {
      const declared = e.indexes.some((i) => i.columns.join(',') === ai.columns.join(',') && i.unique === ai.unique);
      // MariaDB adds an index for a foreign key's columns when no declared index starts with them.
      if (!declared && !(fkColumns.has(ai.columns.join(',')) && ai.name === e.foreignKeys.find((f) => f.columns.join(',') === ai.columns.join(','))?.name)) {
        diffs.push(`${e.name}: index ${ai.name} (${ai.columns.join(', ')}) is not in the schema`);
      }
    }
    for (const ef of e.foreignKeys) {
      const af = a.foreignKeys.find((f) => f.columns.join(',') === ef.columns.join(','));
      if (!af) diffs.push(`${e.name}: foreign key (${ef.columns.join(', ')}) -> ${ef.refTable} is missing`);
      else if (af.refTable !== ef.refTable || af.onDelete !== ef.onDelete || af.refColumns.join(',') !== ef.refColumns.join(',')) {
        diffs.push(`${e.name}: foreign key (${ef.columns.join(', ')}) is ${af.refTable}(${af.refColumns}) ON DELETE ${af.onDelete}, the schema says ${ef.refTable}(${ef.refColumns}) ON DELETE ${ef.onDelete}`);
      }
    }
    for (const af of a.foreignKeys) {
      if (!e.foreignKeys.some((f) => f.columns.join(',') === af.columns.join(','))) diffs.push(`${e.name}: foreign key ${af.name} is not in the schema`);
    }
  }
  for (const a of actual) {
    if (!ignoreTables.includes(a.name) && !expected.some((e) => e.name === a.name)) diffs.push(`table ${a.name} is not in the schema`);
  }
  return diffs;
}
