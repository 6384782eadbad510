import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idSetCondition } from './id-ranges';

/** Evaluates the condition for one id, as MariaDB would. */
function holds(cond: { sql: string; params: (number | number[])[] }, id: number): boolean {
  let k = 0;
  const js = cond.sql
    .replace(/id BETWEEN \? AND \?/g, () => `(${id} >= ${cond.params[k++]} && ${id} <= ${cond.params[k++]})`)
    .replace(/id IN \(\?\)/g, () => `[${cond.params[k++]}].includes(${id})`)
    .replace(/ OR /g, ' || ')
    .replace('FALSE', 'false');
  return new Function(`return ${js}`)() as boolean;
}

describe('idSetCondition', () => {
  it('writes runs of consecutive ids as ranges and the rest in one list', () => {
    expect(idSetCondition(new Set([7, 3, 4, 5, 6, 10, 12, 13]))).toEqual({
      sql: '(id BETWEEN ? AND ? OR id BETWEEN ? AND ? OR id IN (?))', params: [3, 7, 12, 13, [10]],
    });
    expect(idSetCondition([1000, 1001, 1002])).toEqual({ sql: '(id BETWEEN ? AND ?)', params: [1000, 1002] });
    expect(idSetCondition([5])).toEqual({ sql: '(id IN (?))', params: [[5]] });
    expect(idSetCondition([])).toEqual({ sql: 'FALSE', params: [] });
  });

  it('matches exactly the ids of the set', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 40 }), (ids) => {
      const cond = idSetCondition(ids);
      for (let id = 0; id <= 61; id++) expect(holds(cond, id)).toBe(ids.includes(id));
    }));
  });
});
