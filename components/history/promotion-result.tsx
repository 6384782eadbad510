import { Badge } from '@/components/ui/badge';

/** A promotion record's result ("promoted" or "failed"), coloured. */
export function PromotionResultBadge({ result }: { result: string }) {
  return <Badge tone={result === 'promoted' ? 'green' : 'red'} dot>{result}</Badge>;
}
