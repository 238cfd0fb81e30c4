/**
 * Bad input gets a clear 400 (or 413), never a 500 or a stall: the boundary check of every text
 * field, the limits on the shape and size of a body, a bounded list of problems, verified list
 * cursors and token claims. Each refusal writes nothing. (Every route and every event type with
 * every kind of bad input: bad-input-generator.e2e.spec.ts; dates: dates.e2e.spec.ts.)
 */
import { gzipSync } from 'node:zlib';
import { signToken } from '@tacu/auth';
import { sampleEvent } from './support/api';
import { get, openCase, openCaseBody, SECRET, send, startHarness, USERS, type Harness } from './support/harness';

type Res = { status: number; headers: Record<string, string>; body: Record<string, unknown>; text: string };

function expectRefused(res: Res, status: number, code: string): void {
  expect({ status: res.status, code: res.body['code'] }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
}

const fieldsOf = (res: Res) => (res.body['errors'] as { field: string; problems: string[] }[]).map((e) => e.field);

describe('bad input gets a clear 400, never a 500', () => {
  let h: Harness;
  let rows: () => Promise<Record<string, number>>;
  beforeAll(async () => {
    h = await startHarness();
    rows = async () => {
      const [counts] = await h.dataSource.query(
        `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM audit_events)::int AS audit, (SELECT count(*) FROM families)::int AS families, (SELECT count(*) FROM family_members)::int AS members`,
      );
      return counts as Record<string, number>;
    };
  });
  afterAll(() => h.close());

  const post = async (path: string, body: string | Buffer, as: string = USERS.lead, type = 'application/json') =>
    h.http.post(path).auth(await h.token(as), { type: 'bearer' }).set('content-type', type).send(body);

  describe('one boundary check for every text field', () => {
    it('a NUL in any text field answers 400 naming the field: in an event, a new case, a query, a path', async () => {
      const { id } = await openCase(h);
      const before = await rows();
      const event = await send(h, id, { ...sampleEvent('RECORD_REQUEST_DETAILS'), reasonForRequest: 'Seán\u0000' }, USERS.lead);
      expectRefused(event, 400, 'VALIDATION_FAILED');
      expect(event.body['errors']).toEqual([{ field: 'reasonForRequest', problems: [expect.stringContaining('contains the control character U+0000 at character 5')] }]);
      const opened = await h.http.post('/cases').auth(await h.token(USERS.lead), { type: 'bearer' }).send(openCaseBody({ leadPractitionerId: `${USERS.lead}\u0000` }));
      expectRefused(opened, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(opened)).toEqual(['leadPractitionerId']);
      const query = await get(h, '/cases?state=request.draft%00', USERS.coordinator);
      expectRefused(query, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(query)).toEqual(['state']);
      const path = await get(h, '/workflows/case%00/diagram', USERS.coordinator);
      expectRefused(path, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(path)).toEqual(['id']);
      expect(await rows()).toEqual(before);
    });

    it('a lone surrogate answers 400 in an event and when opening a case, and is never replaced with U+FFFD', async () => {
      const { id } = await openCase(h);
      const before = await rows();
      const event = await post(`/cases/${id}/events`, '{"type":"RECORD_REQUEST_DETAILS","reasonForRequest":"Se\\ud800n"}');
      expectRefused(event, 400, 'VALIDATION_FAILED');
      expect(event.body['errors']).toEqual([{ field: 'reasonForRequest', problems: [expect.stringContaining('not well-formed Unicode: a lone surrogate (U+D800) at character 3')] }]);
      const body = JSON.stringify(openCaseBody()).replace('"Seán Murphy"', '"Se\\udc00n Murphy"');
      const opened = await post('/cases', body);
      expectRefused(opened, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(opened)).toEqual(['child.name']);
      const query = await get(h, '/cases?state=%ED%A0%80', USERS.coordinator);
      expectRefused(query, 400, 'VALIDATION_FAILED');
      expect(await rows()).toEqual(before);
      expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM family_members WHERE name LIKE '%' || chr(65533) || '%'`)).toEqual([{ n: 0 }]);
    });

    it('bytes that are not UTF-8 are refused, not replaced', async () => {
      const { id } = await openCase(h);
      // Raw bytes, which supertest would turn into JSON: through Fastify's inject instead.
      const latin1 = await h.app.inject({
        method: 'POST',
        url: `/cases/${id}/events`,
        headers: { authorization: `Bearer ${await h.token(USERS.lead)}`, 'content-type': 'application/json' },
        payload: Buffer.concat([Buffer.from('{"type":"RECORD_REQUEST_DETAILS","reasonForRequest":"Se'), Buffer.from([0xe1]), Buffer.from('n"}')]),
      });
      const res = { status: latin1.statusCode, headers: latin1.headers as Record<string, string>, body: latin1.json() as Record<string, unknown>, text: latin1.body };
      expectRefused(res, 400, 'BAD_REQUEST');
      expect(res.body['detail']).toBe('The body is not valid UTF-8: send JSON text encoded as UTF-8.');
      const path = await get(h, '/cases/%ED%A0%80', USERS.coordinator);
      expectRefused(path, 400, 'BAD_REQUEST');
      expect(path.body['detail']).toMatch(/not percent-encoded UTF-8/);
    });

    it('text may hold newlines (LF or CR LF) and tabs; other control characters are refused', async () => {
      const { id } = await openCase(h);
      expect((await send(h, id, { ...sampleEvent('RECORD_REQUEST_DETAILS'), reasonForRequest: 'First line\r\n\tsecond line\nthird' }, USERS.lead)).status).toBe(200);
      for (const control of ['\u0007', '\u001b[31m', '\u007f', '\u0085', 'a\rb']) {
        const res = await send(h, id, { ...sampleEvent('RECORD_REQUEST_DETAILS'), reasonForRequest: `Text ${control}` }, USERS.lead);
        expectRefused(res, 400, 'VALIDATION_FAILED');
      }
    });

    it('a token whose claims are not well-formed text answers 401, before they reach the database', async () => {
      for (const sub of ['u-lp-\u0000', 'u-lp-\ud800']) {
        const token = await signToken({ id: sub, role: 'coordinator', areaId: 'dublin-south-central' }, { secret: SECRET });
        const res = await h.http.get('/cases').auth(token, { type: 'bearer' });
        expectRefused(res, 401, 'UNAUTHENTICATED');
        expect(res.body['detail']).toMatch(/^The token's claim "sub"/);
      }
    });
  });

  describe('limits on depth, fields and size, answered at once with a bounded list', () => {
    it('JSON nested 10,000 deep answers 400 with one problem (it answered 500: validation overflowed the stack)', async () => {
      const { id } = await openCase(h);
      const res = await post(`/cases/${id}/events`, `{"type":"RECORD_REQUEST_DETAILS","reasonForRequest":"x","preRequestChecklist":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`);
      expectRefused(res, 400, 'VALIDATION_FAILED');
      expect(res.body['errors']).toEqual([{ field: 'preRequestChecklist.a.a.a.a.a.a.a.a.a', problems: ['preRequestChecklist.a.a.a.a.a.a.a.a.a is nested more than 10 levels deep; no valid request is'] }]);
    });

    it('80,000 unknown fields (under 1 MB) answer 400 with one problem and a small answer (it was 5 MB)', async () => {
      const { id } = await openCase(h);
      const fields = Array.from({ length: 80_000 }, (_, i) => `"k${i}":0`).join(',');
      const body = `{"type":"RECORD_REQUEST_DETAILS",${fields}}`;
      expect(body.length).toBeLessThan(1024 * 1024);
      const res = await post(`/cases/${id}/events`, body);
      expectRefused(res, 400, 'VALIDATION_FAILED');
      expect(res.body['errors']).toEqual([{ field: '', problems: ['the input has more than 64 fields; an object may have at most 64'] }]);
      expect(res.text.length).toBeLessThan(1000);
    });

    it('many invalid fields: the first 20 are listed and errorCount counts them all', async () => {
      const { id } = await openCase(h);
      const unknown = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`colour${i}`, 'blue']));
      const res = await send(h, id, { ...sampleEvent('RECORD_REQUEST_DETAILS'), ...unknown }, USERS.lead);
      expectRefused(res, 400, 'VALIDATION_FAILED');
      expect(res.body['errors']).toHaveLength(20);
      expect(res.body['errorCount']).toBe(60);
      expect(res.body['detail']).toContain('The first 20 of 60 are listed.');
    });

    it('a huge list answers 400 before any item is validated; a body over 1 MiB answers 413', async () => {
      const { id } = await openCase(h);
      const list = await post(`/cases/${id}/events`, JSON.stringify({ type: 'RECORD_ASSESSMENT', strengths: new Array(200_000).fill(0) }));
      expectRefused(list, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(list)).toEqual(['strengths']);
      const big = await post(`/cases/${id}/events`, JSON.stringify({ ...sampleEvent('DISTRIBUTE_MINUTES'), minutes: 'x'.repeat(1024 * 1024) }));
      expectRefused(big, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('a body that is not JSON, or is compressed, answers 415 and writes nothing (a form was stored with its %-escapes as text)', async () => {
      const { id } = await openCase(h);
      const before = await rows();
      const form = await post(`/cases/${id}/events`, 'type=RECORD_REQUEST_DETAILS&reasonForRequest=a%FFb', USERS.lead, 'application/x-www-form-urlencoded');
      expectRefused(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(form.body.detail).toBe('The body is application/x-www-form-urlencoded: send JSON, with "Content-Type: application/json".');
      expectRefused(await post(`/cases/${id}/events`, 'hello', USERS.lead, 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      const gzip = await h.http
        .post(`/cases/${id}/events`)
        .auth(await h.token(USERS.lead), { type: 'bearer' })
        .set('content-type', 'application/json')
        .set('content-encoding', 'gzip')
        .send(gzipSync(JSON.stringify(sampleEvent('RECORD_REQUEST_DETAILS'))));
      expectRefused(gzip, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(gzip.body.detail).toBe('The body is sent with Content-Encoding "gzip": send it uncompressed (application/json, UTF-8).');
      expect(await rows()).toEqual(before);
    });

    it('a field named like a property every object has (toString, valueOf, __defineGetter__) is refused like any unknown field', async () => {
      const { id } = await openCase(h);
      for (const name of ['toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf']) {
        const res = await post(`/cases/${id}/events`, JSON.stringify({ ...sampleEvent('RECORD_REQUEST_DETAILS'), [name]: 1 }));
        expectRefused(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field: '', problems: [`a field may not be called "${name}"`] }]);
        const nested = await post(`/cases/${id}/events`, JSON.stringify({ ...sampleEvent('RECORD_REQUEST_DETAILS'), preRequestChecklist: { [name]: 1 } }));
        expectRefused(nested, 400, 'VALIDATION_FAILED');
      }
    });
  });

  describe('list cursors are verified before use', () => {
    it('a crafted cursor answers 400 (it answered 500), while the cursors the API gives out page on', async () => {
      for (let i = 0; i < 3; i++) await openCase(h);
      const first = await get(h, '/cases?limit=2', USERS.coordinator);
      const next = first.body['nextCursor'] as string;
      expect(typeof next).toBe('string');
      expect((await get(h, `/cases?limit=2&cursor=${encodeURIComponent(next)}`, USERS.coordinator)).status).toBe(200);
      const unsigned = Buffer.from(JSON.stringify(['openedAt', '1', '3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f'])).toString('base64url');
      const [payload, signature] = next.split('.') as [string, string];
      const forged = Buffer.from(JSON.stringify(['openedAt', '1999-01-01T00:00:00.000000Z', '3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f'])).toString('base64url');
      for (const cursor of [unsigned, `${forged}.${signature}`, `${payload}.AAAAAAAAAAAAAAAAAAAAAA`, 'x']) {
        const res = await get(h, `/cases?cursor=${encodeURIComponent(cursor)}`, USERS.coordinator);
        expectRefused(res, 400, 'VALIDATION_FAILED');
        expect(res.body['errors']).toEqual([{ field: 'cursor', problems: ['cursor is not one this API gave out for this sort order; start again without it'] }]);
      }
      const otherSort = await get(h, `/cases?sort=dueAt&cursor=${encodeURIComponent(next)}`, USERS.coordinator);
      expectRefused(otherSort, 400, 'VALIDATION_FAILED');
    });
  });
});
