/**
 * The operators' view: one JSON log line per request, with what they need to follow it (request
 * id, route, status, time, who) and nothing about the family. Unexpected errors are logged with
 * the request id the caller was given.
 */
import { Writable } from 'node:stream';
import { sampleEvent } from './support/api';
import { openCase, send, startHarness, USERS, openCaseBody, type Harness } from './support/harness';

type Line = Record<string, unknown> & { level: number; msg: string };

/** A pino destination that keeps every line, parsed. */
function memoryLog(): { stream: Writable; lines: Line[] } {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n')) if (text.trim()) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  return { stream, lines };
}

const INFO = 30;
const WARN = 40;
const ERROR = 50;

describe('request logs', () => {
  let h: Harness;
  let log: ReturnType<typeof memoryLog>;

  beforeAll(async () => {
    log = memoryLog();
    h = await startHarness({ LOG_LEVEL: 'info' }, { logDestination: log.stream });
  });
  afterAll(async () => {
    await h.close();
  });

  const completed = (requestId: string) => log.lines.filter((l) => l.msg === 'request completed' && l['reqId'] === requestId);
  /** The line is written once the answer has gone out, which may be just after the client has it. */
  const completedLine = async (requestId: string): Promise<Line[]> => {
    for (let i = 0; i < 100 && completed(requestId).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    return completed(requestId);
  };

  it('writes one line per request: request id, method, path, status, time and who; nothing of the body or headers', async () => {
    const { id } = await openCase(h);
    const res = await send(h, id, sampleEvent('RECORD_REQUEST_DETAILS'), USERS.lead, { 'x-request-id': 'trace-0001-abcdef' });
    expect(res.status).toBe(200);
    const lines = await completedLine('trace-0001-abcdef');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: INFO,
      reqId: 'trace-0001-abcdef',
      req: { method: 'POST', url: `/cases/${id}/events` },
      res: { statusCode: 200 },
      actor: { id: USERS.lead, role: 'leadPractitioner' },
    });
    expect(typeof lines[0]?.['responseTime']).toBe('number');
    const text = JSON.stringify(log.lines);
    for (const secret of ['Seán', 'Murphy', 'reasonForRequest', 'authorization', 'Bearer', await h.token(USERS.lead)]) expect(text).not.toContain(secret);
  });

  it('logs the path without its query, and a refused request as a warning without an actor it could not verify', async () => {
    const list = await h.http.get('/cases?limit=1&state=request.draft').set('x-request-id', 'trace-0002-abcdef').auth(await h.token(USERS.coordinator), { type: 'bearer' });
    expect(list.status).toBe(200);
    expect((await completedLine('trace-0002-abcdef'))[0]).toMatchObject({ level: INFO, req: { method: 'GET', url: '/cases' }, actor: { id: USERS.coordinator, role: 'coordinator' } });

    const refused = await h.http.get('/cases').set('x-request-id', 'trace-0003-abcdef').auth('not-a-token', { type: 'bearer' });
    expect(refused.status).toBe(401);
    const [line] = await completedLine('trace-0003-abcdef');
    expect(line).toMatchObject({ level: WARN, res: { statusCode: 401 } });
    expect(line).not.toHaveProperty('actor');
  });

  it('logs an unexpected error with its request id, and the request line as an error', async () => {
    await h.dataSource.query('ALTER TABLE family_members RENAME TO family_members_gone');
    try {
      const res = await h.http.post('/cases').set('x-request-id', 'trace-0004-abcdef').auth(await h.token(USERS.lead), { type: 'bearer' }).send(openCaseBody());
      expect(res.status).toBe(500);
      const unexpected = log.lines.find((l) => l.msg === 'Unexpected error');
      expect(unexpected).toMatchObject({ level: ERROR, context: 'ProblemFilter', requestId: 'trace-0004-abcdef', err: { type: expect.any(String) } });
      expect((await completedLine('trace-0004-abcdef'))[0]).toMatchObject({ level: ERROR, res: { statusCode: 500 } });
    } finally {
      await h.dataSource.query('ALTER TABLE family_members_gone RENAME TO family_members');
    }
  });
});
