/**
 * Names over HTTP (libs/domain names.ts): stored in Unicode NFC, so that "Seán" typed with a
 * combining accent is the "Seán" My cases finds; names holding bidirectional controls or invisible
 * characters (which make one name display as another) are refused with a 400 saying which; the
 * joiners some scripts need are accepted.
 */
import { DEMO_AREA, journeyTo, sampleChecklist, sampleEvent } from './support/api';
import { drive, get, openCase, openCaseBody, pageSession, send, startHarness, USERS, type Harness } from './support/harness';

const DECOMPOSED = 'Sea\u0301n O\u0301 Ceallaigh';
const COMPOSED = 'Se\u00e1n \u00d3 Ceallaigh';

describe('names are stored NFC, found in either form, and refused with characters that disguise them', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  /** The children My cases shows the lead for `search`. */
  async function myCases(search: string): Promise<string> {
    const session = await pageSession(h, USERS.lead);
    const posted = await h.http.post('/app/cases/search').set({ cookie: session.cookie }).type('form').send({ _csrf: session.csrf, search });
    expect(posted.status).toBe(303);
    return (await h.http.get('/app/cases').set({ cookie: session.cookie })).text.normalize('NFC');
  }

  it('a name typed with combining accents is stored NFC, and My cases finds it by either form, with or without the fadas', async () => {
    const { id } = await openCase(h, USERS.lead, { child: { name: DECOMPOSED, dateOfBirth: '2017-05-01' } });
    const [stored] = (await h.dataSource.query(`SELECT m.name FROM family_members m JOIN cases c ON c.child_person_id = m.id WHERE c.id = $1`, [id])) as { name: string }[];
    expect(stored?.name).toBe(COMPOSED);
    expect(stored?.name).toBe(stored?.name.normalize('NFC'));
    for (const search of ['Seán', 'Sea\u0301n', 'sean o ceallaigh', 'Ó CEALLAIGH']) expect({ search, found: (await myCases(search)).includes(COMPOSED) }).toEqual({ search, found: true });
  });

  it('a name stored before names were normalised (decomposed) is found by the composed search too', async () => {
    const { id } = await openCase(h, USERS.lead, { child: { name: 'Pádraig Ó Sé', dateOfBirth: '2016-05-01' } });
    await h.dataSource.query(`UPDATE family_members SET name = $2 WHERE id = (SELECT child_person_id FROM cases WHERE id = $1)`, [id, 'Pa\u0301draig O\u0301 Se\u0301']);
    expect(await myCases('Pádraig')).toContain('Pádraig Ó Sé');
    expect(await myCases('padraig')).toContain('Pádraig Ó Sé');
  });

  it('free text of an event is stored NFC too', async () => {
    const { id } = await openCase(h);
    expect((await send(h, id, { ...sampleEvent('RECORD_REQUEST_DETAILS'), reasonForRequest: 'Sea\u0301n misses school on Mondays.' }, USERS.lead)).status).toBe(200);
    const history = await get(h, `/cases/${id}/history`, USERS.lead);
    const details = (history.body.events as Array<{ eventType: string; data: { reasonForRequest: string } }>).find((e) => e.eventType === 'RECORD_REQUEST_DETAILS');
    expect(details?.data.reasonForRequest).toBe('Se\u00e1n misses school on Mondays.');
  });

  it('refuses a name with a bidirectional override or an invisible character, saying which, wherever a name is given', async () => {
    const token = await h.token(USERS.lead);
    const open = (child: string) => h.http.post('/cases').auth(token, { type: 'bearer' }).send(openCaseBody({ child: { name: child, dateOfBirth: '2017-05-01' } }));
    const bidi = await open('Seán \u202Eyhprum');
    expect({ status: bidi.status, errors: bidi.body.errors }).toEqual({
      status: 400,
      errors: [
        {
          field: 'child.name',
          problems: [
            'name must not hold bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which make a name display as another: type the name as plain text',
          ],
        },
      ],
    });
    const invisible = await open('Se\u200Bán Murphy');
    expect(invisible.status).toBe(400);
    expect(invisible.body.errors).toEqual([{ field: 'child.name', problems: [expect.stringMatching(/^name must not hold invisible characters \(zero-width space U\+200B/)] }]);
    const member = await h.http
      .post('/cases')
      .auth(token, { type: 'bearer' })
      .send(openCaseBody({ familyMembers: [{ name: 'Máire\u2066 Ní Bhriain', relationship: 'mother', hasParentalResponsibility: true }] }));
    expect(member.body.errors).toEqual([{ field: 'familyMembers.0.name', problems: [expect.stringMatching(/^name must not hold bidirectional control characters/)] }]);
    // A zero-width non-joiner is part of ordinary Persian spelling: accepted.
    expect((await open('مهر\u200Cداد Karimi')).status).toBe(201);

    const { id } = await openCase(h);
    const contact = await send(h, id, { ...sampleEvent('RECORD_CONTACT'), with: [{ name: 'Siobhán\u202E Murphy' }] }, USERS.lead);
    expect(contact.body.errors).toEqual([{ field: 'with.0.name', problems: [expect.stringMatching(/^name must not hold bidirectional control characters/)] }]);
    await drive(h, id, journeyTo('request.awaitingConsent', USERS.lead));
    const consent = await send(h, id, { ...sampleEvent('RECORD_CONSENT'), givenBy: { name: 'Siobhán\uFEFF Murphy', hasParentalResponsibility: true } }, USERS.lead);
    expect(consent.body.errors).toEqual([{ field: 'givenBy.name', problems: [expect.stringMatching(/^name must not hold invisible characters/)] }]);
    const checklist = await h.http.post('/pre-request-checklists').auth(token, { type: 'bearer' }).send(sampleChecklist({ areaId: DEMO_AREA.id, childName: 'Seán\u202D Murphy', outcome: 'requestForSupport' }));
    expect(checklist.body.errors).toEqual([{ field: 'childName', problems: [expect.stringMatching(/^childName must not hold bidirectional control characters/)] }]);
  });
});
