import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors';
import { SetAccountDestinationInput } from '../schemas/commands';
import { MAX_BODY_BYTES, parseJsonBody, parseQuery, searchParamsObject } from './parse';
import { StatusQuery } from './query-schemas';

const post = (body: string, headers: Record<string, string> = {}) => new Request('http://x.test/api', { method: 'POST', body, headers });

describe('request parsing', () => {
  it('validates a JSON body and names each bad field', async () => {
    await expect(parseJsonBody(post('{"destination":"mbox2.example.com","priority":10,"accounts":["a@b.c"]}'), SetAccountDestinationInput)).resolves.toMatchObject({ priority: 10 });
    const err = await parseJsonBody(post('{"destination":"not a host!","priority":-1,"accounts":[]}'), SetAccountDestinationInput).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).problems.map((p) => p.field).sort()).toEqual(['accounts', 'destination', 'priority']);
  });

  it('refuses malformed JSON, wrong types and oversized bodies with a 400, never a crash', async () => {
    const schema = z.object({ a: z.string() });
    for (const body of ['{', 'null', '[]', '"x"', '{"a":1}', '{"a":{"$ne":null}}']) {
      await expect(parseJsonBody(post(body), schema)).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(parseJsonBody(post('{}', { 'content-length': String(MAX_BODY_BYTES + 1) }), schema)).rejects.toThrow(/over/);
    await expect(parseJsonBody(post(`{"a":"${'x'.repeat(MAX_BODY_BYTES)}"}`), schema)).rejects.toThrow(/over/);
  });

  it('turns repeated query keys into arrays', () => {
    expect(searchParamsObject(new URLSearchParams('a=1&b=2&a=3'))).toEqual({ a: ['1', '3'], b: '2' });
  });

  it('maps the status table URL onto getAccountStatus input', () => {
    const q = parseQuery('http://x.test/api/accounts?q=john&domain=example.com,customer.tld&sort=lagSeconds&order=desc&page=2&pageSize=100&replicaStatus=unavailable', StatusQuery);
    expect(q).toMatchObject({ q: 'john', domains: ['example.com', 'customer.tld'], sort: 'lagSeconds', order: 'desc', page: 2, pageSize: 100, replicaStatus: 'unavailable' });
    expect(parseQuery('http://x.test/api/accounts', StatusQuery)).toMatchObject({ sort: 'accountName', order: 'asc', page: 1, pageSize: 50 });
  });

  it('refuses hostile status queries field by field', () => {
    for (const qs of ['sort=DROP%20TABLE', 'page=0', 'pageSize=100000', 'mailHost=%27%3B--', 'replicaStatus=maybe', 'domain=a_b', `q=${'x'.repeat(400)}`]) {
      const err = (() => { try { parseQuery(`http://x.test/api/accounts?${qs}`, StatusQuery); } catch (e) { return e; } })();
      expect(err, qs).toBeInstanceOf(ValidationError);
    }
  });
});
