/**
 * A set of outbox ids as an SQL condition on `id`: runs of consecutive ids as BETWEEN, the
 * isolated ones in one IN list. The relay's sets are mostly a few long runs (auto-increment
 * ids sent and deleted in order), so the statement stays short instead of listing every id
 * (500 to 1,500 of them per read at full speed, parsed by MariaDB on the same cores).
 */
export function idSetCondition(ids: Iterable<number>): { sql: string; params: (number | number[])[] } {
  const sorted = Float64Array.from(ids).sort();
  const singles: number[] = [];
  const parts: string[] = [];
  const params: (number | number[])[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] <= sorted[j] + 1) j++;
    if (sorted[j] === sorted[i]) singles.push(sorted[i]);
    else {
      parts.push('id BETWEEN ? AND ?');
      params.push(sorted[i], sorted[j]);
    }
    i = j + 1;
  }
  if (singles.length) {
    parts.push('id IN (?)');
    params.push(singles);
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params };
}
