import { Badge, type Tone } from '@/components/ui/badge';

const STATE_TONE: Record<string, Tone> = { active: 'green', initializing: 'blue', paused: 'amber', failed: 'red', removing: 'slate', unavailable: 'red' };

export function ReplicaStateBadge({ state, available }: { state: string; available?: boolean }) {
  if (state === 'active' && available === false) return <Badge tone="red" dot>unavailable</Badge>;
  return <Badge tone={STATE_TONE[state] ?? 'slate'} dot>{state}</Badge>;
}

export function AvailabilityBadge({ available }: { available: boolean }) {
  return available ? <Badge tone="green">available</Badge> : <Badge tone="red">unavailable</Badge>;
}
