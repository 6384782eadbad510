import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** What a Prisma schema says the MariaDB tables must look like, derived from its DMMF. */
export interface ExpectedColumn {
  name: string;
  type: string;
  nullable: boolean;
  default?: string;
}
export interface ExpectedIndex {
  name: string;
  columns: string[];
  unique: boolean;
  primary: boolean;
}
export interface ExpectedForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
}
export interface ExpectedTable {
  name: string;
  columns: ExpectedColumn[];
  indexes: ExpectedIndex[];
  foreignKeys: ExpectedForeignKey[];
}

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType: [string, string[]] | null;
  hasDefaultValue: boolean;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; values: { name: string; dbName: string | null }[] }[];
    indexes: DmmfIndex[];
  };
}

const require = createRequire(import.meta.url);

export function readDmmf(schemaPath: string): Dmmf {
  const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };
  const prismaSchema = readFileSync(schemaPath, 'utf8');
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema }))) as Dmmf;
}

function nativeColumnType(field: DmmfField): string {
  const [native, args] = field.nativeType ?? [undefined, []];
  switch (native) {
    case 'VarChar': return `varchar(${args[0]})`;
    case 'Char': return `char(${args[0]})`;
    case 'Text': return 'text';
    case 'MediumText': return 'mediumtext';
    case 'LongText': return 'longtext';
    case 'TinyInt': return 'tinyint(4)';
    case 'UnsignedInt': return 'int(10) unsigned';
    case 'DateTime': return `datetime(${args[0] ?? 0})`;
    case undefined: break;
    default: throw new Error(`schema-model: native type @db.${native} is not mapped yet`);
  }
  switch (field.type) {
    case 'Int': return 'int(11)';
    case 'BigInt': return 'bigint(20)';
    case 'String': return 'varchar(191)';
    case 'Boolean': return 'tinyint(1)';
    case 'DateTime': return 'datetime(3)';
    case 'Float': return 'double';
    case 'Json': return 'longtext';
    default: throw new Error(`schema-model: Prisma type ${field.type} is not mapped yet`);
  }
}

function columnDefault(field: DmmfField): string | undefined {
  if (!field.hasDefaultValue) return undefined;
  const d = field.default as { name?: string } | string | number | boolean;
  if (typeof d === 'object' && d && 'name' in d) {
    if (d.name === 'now') return 'current_timestamp(3)';
    return undefined; // autoincrement, uuid(): not a column default
  }
  if (typeof d === 'boolean') return d ? '1' : '0';
  if (typeof d === 'number') return String(d);
  if (typeof d === 'string' && field.type === 'BigInt') return d;
  return `'${String(d)}'`;
}

export function expectedTables(dmmf: Dmmf): ExpectedTable[] {
  const enums = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.dbName ?? v.name)]));
  const tableOf = new Map(dmmf.datamodel.models.map((m) => [m.name, m.dbName ?? m.name]));
  return dmmf.datamodel.models.map((model) => {
    const table = model.dbName ?? model.name;
    const col = (fieldName: string) => {
      const f = model.fields.find((x) => x.name === fieldName);
      return f?.dbName ?? fieldName;
    };
    const columns: ExpectedColumn[] = model.fields
      .filter((f) => f.kind !== 'object')
      .map((f) => ({
        name: f.dbName ?? f.name,
        type: f.kind === 'enum' ? `enum(${enums.get(f.type)!.map((v) => `'${v}'`).join(',')})` : nativeColumnType(f),
        nullable: !f.isRequired,
        default: columnDefault(f),
      }));
    const indexes: ExpectedIndex[] = dmmf.datamodel.indexes
      .filter((i) => i.model === model.name)
      .map((i) => {
        const cols = i.fields.map((f) => col(f.name));
        const suffix = i.type === 'unique' ? 'key' : 'idx';
        return {
          name: i.type === 'id' ? 'PRIMARY' : (i.dbName ?? `${table}_${cols.join('_')}_${suffix}`),
          columns: cols,
          unique: i.type !== 'normal',
          primary: i.type === 'id',
        };
      });
    const foreignKeys: ExpectedForeignKey[] = model.fields
      .filter((f) => f.kind === 'object' && f.relationFromFields && f.relationFromFields.length > 0)
      .map((f) => {
        const cols = f.relationFromFields!.map(col);
        return {
          name: `${table}_${cols.join('_')}_fkey`,
          columns: cols,
          refTable: tableOf.get(f.type)!,
          refColumns: f.relationToFields!,
          onDelete: (f.relationOnDelete ?? 'Restrict').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase(),
        };
      });
    return { name: table, columns, indexes, foreignKeys };
  });
}
