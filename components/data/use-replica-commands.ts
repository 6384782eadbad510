'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OperationRef, PromotionPlanRow, VerifyResult } from '@/lib/schemas/views';
import { api } from './api';
import { qk } from './query-keys';

/** After any command: everything it may have changed is refetched. */
function useInvalidateAfterCommand() {
  const qc = useQueryClient();
  return () => Promise.all([
    qc.invalidateQueries({ queryKey: qk.status.all() }),
    qc.invalidateQueries({ queryKey: qk.overview() }),
    qc.invalidateQueries({ queryKey: qk.operations.all() }),
    qc.invalidateQueries({ queryKey: qk.accounts.all() }),
    qc.invalidateQueries({ queryKey: qk.mailstores() }),
    qc.invalidateQueries({ queryKey: qk.promotions.all() }),
  ]);
}

export function useSetDestination() {
  const invalidate = useInvalidateAfterCommand();
  return useMutation({
    mutationFn: (input: { destination: string; priority: number; accounts: string[] }) => api.post<OperationRef>('/api/replicas/destination', input),
    onSuccess: invalidate,
  });
}

export function useRemoveDestination() {
  const invalidate = useInvalidateAfterCommand();
  return useMutation({
    mutationFn: (input: { destination: string; accounts: string[] }) => api.post<OperationRef>('/api/replicas/remove', input),
    onSuccess: invalidate,
  });
}

export function usePauseOrRestart(action: 'pause' | 'restart') {
  const invalidate = useInvalidateAfterCommand();
  return useMutation({
    mutationFn: (input: { accounts: string[] }) => api.post<OperationRef>(`/api/replicas/${action}`, input),
    onSuccess: invalidate,
  });
}

export interface PromoteInput {
  accounts?: string[];
  sourceMailHost?: string;
  destination?: string;
  threads?: number;
}

/** The dry run: where each account would go and what blocks it. Changes nothing. */
export function usePromotionPlan() {
  return useMutation({
    mutationFn: (input: PromoteInput) => api.post<{ plan: PromotionPlanRow[] }>('/api/promotions', { ...input, dryRun: true }),
  });
}

export function usePromote() {
  const invalidate = useInvalidateAfterCommand();
  return useMutation({
    mutationFn: (input: PromoteInput) => api.post<OperationRef>('/api/promotions', { ...input, dryRun: false }),
    onSuccess: invalidate,
  });
}

export function useVerify() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { account: string; destination?: string }) =>
      api.post<VerifyResult>(`/api/accounts/${encodeURIComponent(input.account)}/verify`, input.destination ? { destination: input.destination } : {}),
    onSuccess: (_r, input) => qc.invalidateQueries({ queryKey: qk.accounts.detail(input.account) }),
  });
}
