// Developer aid: prints CREATE TABLE statements for the models of a Prisma schema, the way
// `prisma migrate diff --from-empty` would (its engine cannot be downloaded here). Copy what a
// new migration needs into prisma/<db>/migrations/<timestamp>_<name>/migration.sql.
// Usage: npx tsx scripts/print-schema-ddl.ts prisma/ha/schema.prisma [Model ...]
import { expectedTables, readDmmf } from '../lib/db/schema-model';

const [schemaPath, ...only] = process.argv.slice(2);
if (!schemaPath) {
  console.error('usage: print-schema-ddl.ts <schema.prisma> [Model ...]');
  process.exit(2);
}
const upperType = (t: string) => t.replace(/^[a-z]+(\(\d+\))?( unsigned)?/, (m) => m.toUpperCase());
const tables = expectedTables(readDmmf(schemaPath)).filter((t) => only.length === 0 || only.includes(t.name));
const ddl: string[] = [];
const fks: string[] = [];
for (const t of tables) {
  const lines = t.columns.map((c) => {
    const auto = c.name === 'id' && t.indexes.some((i) => i.primary && i.columns.length === 1 && i.columns[0] === 'id')
      && /int/.test(c.type) && c.default === undefined && !/char/.test(c.type);
    const def = c.default !== undefined ? ` DEFAULT ${c.default.toUpperCase() === 'CURRENT_TIMESTAMP(3)' ? 'CURRENT_TIMESTAMP(3)' : c.default}` : '';
    return `    \`${c.name}\` ${upperType(c.type)}${c.nullable ? ' NULL' : ' NOT NULL'}${def}${auto ? ' AUTO_INCREMENT' : ''}`;
  });
  for (const i of t.indexes) {
    const cols = i.columns.map((c) => `\`${c}\``).join(', ');
    if (i.primary) lines.push(`    PRIMARY KEY (${cols})`);
    else lines.push(`    ${i.unique ? 'UNIQUE ' : ''}INDEX \`${i.name}\`(${cols})`);
  }
  ddl.push(`-- CreateTable\nCREATE TABLE \`${t.name}\` (\n${lines.join(',\n')}\n) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n`);
  for (const fk of t.foreignKeys) {
    fks.push(`-- AddForeignKey\nALTER TABLE \`${t.name}\` ADD CONSTRAINT \`${fk.name}\` FOREIGN KEY (${fk.columns.map((c) => `\`${c}\``).join(', ')}) ` +
      `REFERENCES \`${fk.refTable}\`(${fk.refColumns.map((c) => `\`${c}\``).join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE CASCADE;\n`);
  }
}
console.log([...ddl, ...fks].join('\n'));
