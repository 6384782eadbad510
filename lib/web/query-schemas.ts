import { z } from 'zod';
import { GetAccountStatusInput } from '../schemas/commands';
import { parseWith } from './parse';

const opt = z.string().trim().optional().transform((v) => (v ? v : undefined));
const list = opt.transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined));
const page = z.coerce.number().int().min(1).max(1_000_000).default(1);

/**
 * The status table's URL query (components/data/status-filters.ts writes it) turned into the
 * core's GetAccountStatusInput and validated by it.
 */
export const StatusQuery = z
  .object({
    q: opt, domain: list, mailHost: opt, replicaServer: opt, accounts: list,
    accountStatus: opt, replicaStatus: opt, replicaState: opt, sort: opt, order: opt,
    page, pageSize: z.coerce.number().int().min(1).max(1000).default(50),
  })
  .transform(({ domain, ...v }) => parseWith(GetAccountStatusInput, { ...v, domains: domain }, 'query'));

export const PageQuery = z.object({
  page,
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

export const SearchQuery = z.object({ q: z.string().max(320).default('') });

export const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
