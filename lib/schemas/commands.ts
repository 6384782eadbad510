import { z } from 'zod';
import { accountList, domainName, hostname, uuid } from './common';

// Inputs of the core commands: the console's route handlers and the CLI both parse with these.

export const SetAccountDestinationInput = z.object({
  destination: hostname,
  priority: z.number({ error: 'priority must be an integer' }).int('priority must be an integer').min(0, 'priority must be 0 or more').max(1_000_000),
  accounts: accountList.min(1, 'give at least one account (accounts or input_file)'),
});
export type SetAccountDestinationInput = z.infer<typeof SetAccountDestinationInput>;

export const AccountSelectionInput = z.object({
  accounts: accountList.min(1, 'give at least one account (accounts or input_file)'),
});

export const RemoveAccountDestinationInput = z.object({
  destination: hostname,
  accounts: accountList.min(1, 'give at least one account (accounts or input_file)'),
});
export type RemoveAccountDestinationInput = z.infer<typeof RemoveAccountDestinationInput>;

export const PauseReplicasInput = AccountSelectionInput;
export type PauseReplicasInput = z.infer<typeof PauseReplicasInput>;
export const RestartReplicasInput = AccountSelectionInput;
export type RestartReplicasInput = z.infer<typeof RestartReplicasInput>;

export const PromoteAccountsInput = z
  .object({
    accounts: accountList.optional(),
    sourceMailHost: hostname.optional(),
    destination: hostname.optional(),
    threads: z.number().int('threads must be an integer').min(1, 'threads must be 1 or more').max(64, 'threads must be 64 or less').default(4),
    dryRun: z.boolean().default(false),
  })
  .refine((v) => (v.accounts?.length ?? 0) > 0 || v.sourceMailHost, {
    message: 'give accounts, input_file or source_mail_host',
    path: ['accounts'],
  });
export type PromoteAccountsInput = z.infer<typeof PromoteAccountsInput>;

export const ACCOUNT_STATUS_SORT = ['accountName', 'accountMailHost', 'sequence', 'itemId', 'destination', 'priority', 'lagEvents', 'lagSeconds', 'updatedAt', 'state'] as const;

export const GetAccountStatusInput = z.object({
  mailHost: hostname.optional(),
  replicaServer: hostname.optional(),
  accounts: accountList.optional(),
  domains: z.array(domainName).max(1000).optional(),
  accountStatus: z.enum(['active', 'paused']).optional(),
  replicaStatus: z.enum(['available', 'unavailable']).optional(),
  replicaState: z.enum(['initializing', 'active', 'paused', 'failed', 'removing']).optional(),
  /** Free text: part of an account name. */
  q: z.string().trim().max(320).optional(),
  sort: z.enum(ACCOUNT_STATUS_SORT).default('accountName'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(1000).default(50),
});
export type GetAccountStatusInput = z.input<typeof GetAccountStatusInput>;
export type GetAccountStatusQuery = z.infer<typeof GetAccountStatusInput>;

export const VerifyInput = z.object({
  account: z.string().max(320),
  /** A replica's destination; all replicas of the account when omitted. */
  destination: hostname.optional(),
});
export type VerifyInput = z.infer<typeof VerifyInput>;

export const MonitorInput = z.object({ operationId: uuid });

export const SetBrokersInput = z.object({ brokers: z.string().min(1).max(4000) });

export const TestBrokersInput = z.object({
  brokers: z.string().min(1).max(4000),
  authentication: z.string().max(500).optional(),
});

export const ServiceActionInput = z.object({
  host: hostname.optional(),
  service: z.enum(['module']),
  action: z.enum(['start', 'stop', 'restart']),
});
