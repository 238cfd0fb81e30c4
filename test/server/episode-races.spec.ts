/**
 * One open episode per child under racing clients, on the PostgreSQL server only (PGlite is one
 * session: its transactions never overlap). Two reopens of the same closed episode at once: one
 * opens the new episode, the other is told why not (400), and nothing else is written.
 */
import { journeyTo, sampleEvent } from '../e2e/support/api';
import { drive, openCase, openCaseBody, send, startHarness, USERS, type Harness } from '../e2e/support/harness';

let h: Harness;

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) throw new Error('test/server runs against TEST_DATABASE_URL (npm run test:server)');
  h = await startHarness();
});

afterAll(() => h?.close());

it('two reopens of one episode at once: one new episode, one 400, never two open episodes of the child', async () => {
  for (let round = 0; round < 5; round++) {
    const closed = await openCase(h, USERS.lead);
    await drive(h, closed.id, journeyTo('request.awaitingConsent', USERS.lead));
    expect((await send(h, closed.id, sampleEvent('WITHDRAW_CONSENT'), USERS.lead)).body.status).toBe('closed');
    const body = openCaseBody({ previousEpisodeId: closed.id, familyMembers: [] });
    delete body.child;
    const token = await h.token(USERS.lead);
    const answers = await Promise.all([1, 2, 3].map(() => h.http.post('/cases').auth(token, { type: 'bearer' }).send(body)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 400, 400]);
    for (const refused of answers.filter((a) => a.status === 400)) expect(refused.body.errors[0].field).toBe('previousEpisodeId');
    const open = await h.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE child_person_id = $1 AND status <> 'closed'`, [closed.body['childPersonId']]);
    expect(open).toEqual([{ n: 1 }]);
  }
});
