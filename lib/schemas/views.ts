// Outputs of the core commands: what the CLI prints (docs/cli.md documents the --json shapes)
// and what the console's API routes answer.

export type ReplicaState = 'initializing' | 'active' | 'paused' | 'failed' | 'removing';
export type SnapshotState = 'pending' | 'running' | 'done';

export interface ReplicaStatusView {
  accountId: string;
  itemId: number;
  sequence: number;
  mailboxId: number | null;
  destination: string;
  available: boolean;
  priority: number;
  canConnectToKafka: boolean;
  state: ReplicaState;
  lagEvents: number;
  lagSeconds: number;
  lastError: string | null;
  /** When the destination last refreshed this status (ISO 8601), null before its first report. */
  updatedAt: string | null;
}

export interface AccountStatusView {
  accountId: string;
  accountName: string;
  accountMailHost: string;
  paused: boolean;
  mailboxId: number | null;
  sequence: number;
  itemId: number;
  /** When the source last refreshed its figures (ISO 8601). */
  updatedAt: string | null;
  replicas: ReplicaStatusView[];
}

export interface AccountStatusPage {
  total: number;
  page: number;
  pageSize: number;
  accounts: AccountStatusView[];
  /** When this answer was read (ISO 8601). */
  readAt: string;
}

export type OperationKind = 'setAccountDestination' | 'promoteAccounts' | 'removeAccountDestination' | 'pauseReplicas' | 'restartReplicas';
export type OperationState = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed';

/** True once an operation has ended (succeeded, partial or failed): it changes no more. */
export const isOperationEnded = (state: string): boolean => state === 'succeeded' || state === 'partial' || state === 'failed';

export interface OperationItemView {
  accountId: string | null;
  accountName: string;
  destination: string | null;
  state: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
  message: string | null;
  updatedAt: string;
}

export interface OperationView {
  id: string;
  kind: OperationKind;
  state: OperationState;
  params: unknown;
  total: number;
  done: number;
  failed: number;
  message: string | null;
  actor: string;
  origin: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

export interface OperationDetail extends OperationView {
  items: OperationItemView[];
  itemsTotal: number;
}

/** What a command that starts an operation answers at once. */
export interface OperationRef {
  operationId: string;
  kind: OperationKind;
  accounts: number;
  /** Duplicates removed from the request, reported once each. */
  duplicates: string[];
}

export interface PromotionPlanRow {
  accountId: string;
  accountName: string;
  sourceMailHost: string;
  destination: string | null;
  priority: number | null;
  lagEvents: number | null;
  lagSeconds: number | null;
  /** Empty when the account would be promoted; otherwise why not. */
  blockers: string[];
}

/** promoteAccounts with dryRun: where each account would go and what blocks it; nothing changed. */
export interface PromotionDryRun {
  dryRun: true;
  plan: PromotionPlanRow[];
}

/** promoteAccounts for real: the operation, and the plan it started from. */
export interface PromotionStarted extends OperationRef {
  dryRun: false;
  plan: PromotionPlanRow[];
}

export type PromoteAccountsResult = PromotionDryRun | PromotionStarted;

export interface PromotionRecordView {
  id: number;
  operationId: string;
  accountId: string;
  accountName: string;
  fromHost: string;
  toHost: string | null;
  actor: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  eventsDrained: number;
  result: string;
  message: string | null;
}

export interface VerifyReplicaResult {
  destination: string;
  equal: boolean;
  sequence: number | null;
  sourceDigest: string | null;
  replicaDigest: string | null;
  /** First differing item ids with what differs, when not equal. */
  differences: { itemId: number; source: string | null; replica: string | null }[];
  message: string | null;
}

export interface VerifyResult {
  accountId: string;
  accountName: string;
  source: string;
  replicas: VerifyReplicaResult[];
}

export interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string;
  operationId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface LicenseInfoView {
  ZxHA: { quantity: number; licensed: boolean };
  ha_basic: { name: 'ha_basic'; quantity: number; enabled: boolean };
  /** Accounts that have at least one replica now. */
  enabledAccounts: number;
}

export interface ServiceView {
  host: string;
  service: 'module';
  running: boolean;
  nodeUp: boolean;
  agentAlive: boolean;
  kafkaReachable: boolean;
  heartbeatAt: string | null;
}
