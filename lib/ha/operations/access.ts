import { ForbiddenError } from '../../errors';
import type { Actor } from '../../schemas/common';

/** Changes (replicas, operations, notifications) need a global administrator or the CLI. */
export function assertCanChange(actor: Actor, what: string) {
  if (actor.role === 'domain_admin') {
    throw new ForbiddenError(`A domain administrator has read-only access: ${what} needs a global administrator.`);
  }
}

/** The domains an actor may read, or null for all of them. */
export function readableDomains(actor: Actor): string[] | null {
  return actor.role === 'domain_admin' ? (actor.domains ?? []).map((d) => d.toLowerCase()) : null;
}
