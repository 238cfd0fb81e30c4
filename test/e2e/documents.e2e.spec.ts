/**
 * Stage documents over HTTP (issue "Stage documents"): a full case run produces the document of
 * every stage, stored in the transition with its version and SHA-256; a re-issued plan is version
 * 2 and version 1 stays byte for byte; documents are read with the case's need to know; the HTML
 * is served as issued, safe to open; the PDF is printed from it (pdftotext shows the case
 * reference, the child's words in Irish and English, every action); with no browser the PDF is a
 * 503 that says how to install one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '@tacu/persistence';
import { caseReferenceOf, fullJourney, INVITED_AGENCY_USER, journeyTo, sampleEvent } from './support/api';
import { drive, get, openCase, send, startHarness, USERS, type Harness } from './support/harness';

type Summary = { id: string; kind: string; audience: string; locale: string; version: number; state: string; eventType: string; sha256: string; producedBy: string };

/** The child's own words in the assessment, in Irish and in English. */
const IRISH_WORDS = 'Is maith liom mo mhúinteoir ach tá an clós scanrúil.';
const ENGLISH_WORDS = 'I like my teacher but the yard is scary.';

describe('stage documents', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const list = async (caseId: string, as: string = USERS.lead) => (await get(h, `/cases/${caseId}/documents`, as)).body.items as Summary[];
  const html = async (id: string, as: string = USERS.lead) => (await get(h, `/documents/${id}`, as)).text;

  /** The journey, with the child's words in Irish and English in the assessment. */
  const journey = () =>
    fullJourney(USERS.lead).map((step) =>
      step.event.type === 'RECORD_ASSESSMENT' ? { ...step, event: { ...step.event, views: { ...step.event.views, child: { words: `${IRISH_WORDS} ${ENGLISH_WORDS}` } } } } : step,
    );

  it('a full case run produces the document of every stage, each stored with its version and the SHA-256 of its HTML', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journey());
    const documents = await list(id);
    const professional = documents.filter((d) => d.audience === 'professional');
    expect([...new Set(professional.map((d) => d.kind))]).toEqual(['requestForSupport', 'consentRecord', 'strengthsAndNeedsRecord', 'meetingRecord', 'actionPlan', 'reviewRecord', 'closingSummary']);
    expect([...new Set(documents.filter((d) => d.audience === 'family').map((d) => d.kind))]).toEqual(['requestForSupport', 'actionPlan', 'reviewRecord', 'closingSummary']);
    // Each series counts its own issues from 1: the action plan sent for sign-off, then signed off.
    const plans = professional.filter((d) => d.kind === 'actionPlan');
    expect(plans.map((d) => [d.version, d.state, d.eventType])).toEqual([
      [1, 'actionPlan.awaitingFamilySignOff', 'SUBMIT_PLAN_FOR_SIGN_OFF'],
      [2, 'review.scheduled', 'SIGN_OFF_PLAN'],
    ]);
    expect(documents.every((d) => d.producedBy === USERS.lead || d.producedBy === USERS.coordinator)).toBe(true);
    for (const d of documents) expect(sha256(await html(d.id))).toBe(d.sha256);

    // What a reader of the documents would notice: the child's own words, every action and its owner.
    const assessment = await html(professional.find((d) => d.kind === 'strengthsAndNeedsRecord')?.id as string);
    expect(assessment).toContain(IRISH_WORDS);
    expect(assessment).toContain(ENGLISH_WORDS);
    const plan = await html(plans[0]?.id as string);
    for (const action of sampleEvent('DRAFT_PLAN').actions) {
      expect(plan).toContain(action.what);
      expect(plan).toContain(action.owner?.name);
    }
    // The plan signed off names the version signed and the hash of the document the family read.
    const familyPlan = documents.find((d) => d.kind === 'actionPlan' && d.audience === 'family' && d.version === 1) as Summary;
    expect(await html(plans[1]?.id as string)).toContain(familyPlan.sha256);
    // And so does the case's record of the sign-off: without a hash given, the family's version in English.
    const [signOff] = (await get(h, `/cases/${id}`, USERS.lead)).body.record.plan.signOffs;
    expect(signOff.document).toEqual({ planVersion: 1, id: familyPlan.id, version: 1, audience: 'family', locale: 'en', sha256: familyPlan.sha256 });
  });

  it('a re-issued plan is version 2; version 1 stays byte for byte; a sign-off of version 1 is not applied to version 2', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('actionPlan.awaitingFamilySignOff', USERS.lead));
    const [first] = (await list(id)).filter((d) => d.kind === 'actionPlan' && d.audience === 'professional');
    const firstHtml = await html(first?.id as string);

    expect((await send(h, id, sampleEvent('REQUEST_PLAN_CHANGES'), USERS.lead)).body.state).toBe('actionPlan.drafting');
    const revised = sampleEvent('DRAFT_PLAN');
    revised.actions[0] = { ...revised.actions[0], what: 'Breakfast club place from Monday, with a lift on Wednesdays.' } as (typeof revised.actions)[number];
    expect((await send(h, id, revised, USERS.lead)).body.state).toBe('actionPlan.drafting');
    expect((await send(h, id, sampleEvent('SUBMIT_PLAN_FOR_SIGN_OFF'), USERS.lead)).body.state).toBe('actionPlan.awaitingFamilySignOff');

    // Issue 2 records the changes asked for; issue 3 is the plan of version 2 sent for sign-off.
    const plans = (await list(id)).filter((d) => d.kind === 'actionPlan' && d.audience === 'professional');
    expect(plans.map((d) => [d.version, d.eventType])).toEqual([
      [1, 'SUBMIT_PLAN_FOR_SIGN_OFF'],
      [2, 'REQUEST_PLAN_CHANGES'],
      [3, 'SUBMIT_PLAN_FOR_SIGN_OFF'],
    ]);
    expect(await html(plans[0]?.id as string)).toBe(firstHtml);
    expect(sha256(firstHtml)).toBe(first?.sha256);
    expect(await html(plans[1]?.id as string)).toContain(sampleEvent('REQUEST_PLAN_CHANGES').changesRequested as string);
    expect(await html(plans[2]?.id as string)).toContain('with a lift on Wednesdays');

    const old = await send(h, id, { ...sampleEvent('SIGN_OFF_PLAN'), planVersion: 1 }, USERS.lead);
    expect({ status: old.status, code: old.body.code }).toEqual({ status: 422, code: 'GUARD_FAILED' });
    // Version 2, signed on the document of version 1: refused, saying which document that was.
    const onOldDocument = await send(h, id, { ...sampleEvent('SIGN_OFF_PLAN'), planVersion: 2, documentSha256: first?.sha256 }, USERS.lead);
    expect({ status: onOldDocument.status, reasons: onOldDocument.body.reasons }).toEqual({
      status: 422,
      reasons: ['The document signed is an earlier plan: issue 1 of it, sent for version 1, while the plan is now at version 2. Show the family the plan of version 2 and record their sign-off of it.'],
    });
    const unknown = await send(h, id, { ...sampleEvent('SIGN_OFF_PLAN'), planVersion: 2, documentSha256: 'a'.repeat(64) }, USERS.lead);
    expect(unknown.body.reasons).toEqual([expect.stringMatching(/^The document signed \(aaaaaaaaaaaa…\) is not a plan sent to the family for sign-off of version 2/)]);
    const malformed = await send(h, id, { ...sampleEvent('SIGN_OFF_PLAN'), planVersion: 2, documentSha256: 'not-a-hash' }, USERS.lead);
    expect(malformed.body.errors).toEqual([{ field: 'documentSha256', problems: ['documentSha256 must be a SHA-256: 64 lowercase hexadecimal characters, as GET /cases/{id}/documents lists them'] }]);
    // Signed on the professional version of version 2, as read with the lead practitioner: that document is named.
    // The issue that recorded the changes asked for was never sent for sign-off: it cannot be signed.
    const changes = await send(h, id, { ...sampleEvent('SIGN_OFF_PLAN'), planVersion: 2, documentSha256: plans[1]?.sha256 }, USERS.lead);
    expect({ status: changes.status, code: changes.body.code }).toEqual({ status: 422, code: 'GUARD_FAILED' });
    const read = plans[2] as Summary;
    expect((await send(h, id, { ...sampleEvent('SIGN_OFF_PLAN'), planVersion: 2, documentSha256: read.sha256 }, USERS.lead)).body.state).toBe('review.scheduled');
    const signOffs = (await get(h, `/cases/${id}`, USERS.lead)).body.record.plan.signOffs;
    expect(signOffs.at(-1).document).toMatchObject({ planVersion: 2, id: read.id, audience: 'professional', sha256: read.sha256 });
  });

  it('documents follow the case’s need to know: the concern’s report is not listed for the invited agency, and reading it is 404 as for a document that does not exist', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('meeting.invited', USERS.lead));
    expect((await send(h, id, sampleEvent('RAISE_CONCERN'), USERS.lead)).status).toBe(200);
    expect((await send(h, id, sampleEvent('SUBMIT_REPORT'), USERS.lead)).status).toBe(200);
    const report = (await list(id)).find((d) => d.kind === 'childProtectionReport') as Summary;
    expect(report).toBeDefined();
    expect((await get(h, `/documents/${report.id}`, USERS.coordinator)).status).toBe(200);

    const agencyList = await list(id, INVITED_AGENCY_USER);
    expect(agencyList.map((d) => d.kind)).not.toContain('childProtectionReport');
    expect(agencyList.length).toBeGreaterThan(0);
    const refused = await get(h, `/documents/${report.id}`, INVITED_AGENCY_USER);
    expect({ status: refused.status, body: refused.body.detail }).toEqual({ status: 404, body: 'There is no document with this id that you can see.' });
    const missing = await get(h, '/documents/00000000-0000-4000-8000-000000000000', INVITED_AGENCY_USER);
    expect({ status: missing.status, body: missing.body.detail }).toEqual({ status: 404, body: refused.body.detail });

    // A lead practitioner with no part in the case reads neither its list nor its documents.
    expect((await get(h, `/cases/${id}/documents`, USERS.otherLead)).status).toBe(404);
    expect((await get(h, `/documents/${agencyList[0]?.id}`, USERS.otherLead)).status).toBe(404);
    expect((await get(h, '/documents/not-a-uuid', USERS.lead)).status).toBe(404);
  });

  it('every read of a document is recorded with the case’s reads: who, when, which document', async () => {
    const { id } = await openCase(h);
    const [document] = await list(id);
    await html(document?.id as string, USERS.coordinator);
    const reads = await h.dataSource.query(`SELECT actor_id, what, document_id FROM case_reads WHERE case_id = $1 AND what IN ('documents', 'document') ORDER BY id`, [id]);
    expect(reads).toEqual([
      { actor_id: USERS.lead, what: 'documents', document_id: null },
      { actor_id: USERS.coordinator, what: 'document', document_id: document?.id },
    ]);
  });

  it('the HTML is served as issued: its hash as ETag, nothing that could run, not kept in caches', async () => {
    const { id } = await openCase(h);
    const [document] = await list(id);
    const res = await get(h, `/documents/${document?.id}`, USERS.lead);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['etag']).toBe(`"${document?.sha256}"`);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.text).toMatch(/^<!DOCTYPE html>/);
  });

  it('the family versions come in Irish too when the family gives Irish as a first language', async () => {
    const { id } = await openCase(h, USERS.lead, {
      familyMembers: [{ name: 'Siobhán Ní Mhurchú', relationship: 'mother', hasParentalResponsibility: true, firstLanguage: 'Irish' }],
    });
    const steps = journeyTo('review.scheduled', USERS.lead).map((s) =>
      s.event.type === 'RECORD_CONSENT' ? { ...s, event: { ...s.event, givenBy: { name: 'Siobhán Ní Mhurchú', hasParentalResponsibility: true } } } : s.event.type === 'SIGN_OFF_PLAN' ? { ...s, event: { ...s.event, signedBy: { name: 'Siobhán Ní Mhurchú', as: 'parentCarer' } } } : s,
    );
    await drive(h, id, steps.map((s) => (s.event.type === 'AGREE_ASSESSMENT' ? { ...s, event: { type: 'AGREE_ASSESSMENT', agreedBy: { name: 'Siobhán Ní Mhurchú' } } } : s)) as never);
    const family = (await list(id)).filter((d) => d.audience === 'family' && d.kind === 'actionPlan');
    // The request as drafted, submitted and registered: the family reads each in both languages.
    expect((await list(id)).filter((d) => d.audience === 'family' && d.kind === 'requestForSupport').map((d) => [d.locale, d.version, d.eventType])).toEqual([
      ['en', 1, 'OPEN_CASE'],
      ['ga', 1, 'OPEN_CASE'],
      ['en', 2, 'SUBMIT_REQUEST'],
      ['ga', 2, 'SUBMIT_REQUEST'],
      ['en', 3, 'REGISTER_REQUEST'],
      ['ga', 3, 'REGISTER_REQUEST'],
    ]);
    expect(family.map((d) => [d.kind, d.locale, d.version])).toEqual([
      ['actionPlan', 'en', 1],
      ['actionPlan', 'ga', 1],
      ['actionPlan', 'en', 2],
      ['actionPlan', 'ga', 2],
    ]);
    expect(await html(family[1]?.id as string)).toMatch(/<html lang="ga">/);
  });

  it("each signature keeps the document its signer signed: the mother the Irish family plan, the father the English; every document shows each signer's own", async () => {
    const opened = await openCase(h, USERS.lead, {
      familyMembers: [
        { name: 'Siobhán Murphy', relationship: 'mother', hasParentalResponsibility: true, firstLanguage: 'Irish' },
        { name: 'Dónal Murphy', relationship: 'father', hasParentalResponsibility: true },
      ],
    });
    const id = opened.id;
    const father = (opened.body['familyMembers'] as Array<{ id: string; relationship: string }>).find((m) => m.relationship === 'father')?.id;
    const steps = journeyTo('actionPlan.awaitingFamilySignOff', USERS.lead).flatMap((s) =>
      s.event.type === 'RECORD_CONSENT' ? [s, { ...s, event: { ...s.event, givenBy: { name: 'Dónal Murphy', personId: father, hasParentalResponsibility: true } } }] : [s],
    );
    await drive(h, id, steps as never);
    const sent = (await list(id)).filter((d) => d.kind === 'actionPlan' && d.audience === 'family');
    const irish = sent.find((d) => d.locale === 'ga');
    const english = sent.find((d) => d.locale === 'en');
    if (!irish || !english) throw new Error('the plan was not sent in Irish and English');
    const mothers = await send(h, id, { ...sampleEvent('SIGN_OFF_PLAN'), documentSha256: irish.sha256 }, USERS.lead);
    expect(mothers.body.state).toBe('actionPlan.awaitingFamilySignOff');
    const fathers = await send(h, id, { ...sampleEvent('SIGN_OFF_PLAN'), signedBy: { name: 'Dónal Murphy', personId: father, as: 'parentCarer' }, method: 'portal' }, USERS.lead);
    expect(fathers.body.state).toBe('review.scheduled');

    const signOffs = (await get(h, `/cases/${id}`, USERS.lead)).body.record.plan.signOffs as Array<{ signedBy: { name: string }; document: { sha256: string; locale: string } }>;
    expect(signOffs.map((s) => [s.signedBy.name, s.document.locale, s.document.sha256])).toEqual([
      ['Siobhán Murphy', 'ga', irish.sha256],
      ['Dónal Murphy', 'en', english.sha256],
    ]);
    const signedOff = (await list(id)).filter((d) => d.kind === 'actionPlan' && d.version === 2);
    const row = (page: string, name: string): string => page.match(new RegExp(`<tr><td>${name}</td>.*?</tr>`))?.[0] ?? `no row of ${name}`;
    const professional = await html(signedOff.find((d) => d.audience === 'professional')?.id as string);
    expect(row(professional, 'Siobhán Murphy')).toContain(`${irish.sha256}</span> (family&#x27;s version, Irish)`);
    expect(row(professional, 'Dónal Murphy')).toContain(`${english.sha256}</span> (family&#x27;s version, English)`);
    const irishFamily = await html(signedOff.find((d) => d.audience === 'family' && d.locale === 'ga')?.id as string);
    expect(row(irishFamily, 'Siobhán Murphy')).toContain(`${irish.sha256}</span> (Gaeilge)`);
    expect(row(irishFamily, 'Siobhán Murphy')).not.toContain(english.sha256);
    expect(row(irishFamily, 'Dónal Murphy')).toContain(`${english.sha256}</span> (Béarla)`);
    // No hash stands outside a signer's row as "the plan signed".
    expect(irishFamily.split(irish.sha256)).toHaveLength(2);
    expect(irishFamily.split(english.sha256)).toHaveLength(2);
  });

  describe('PDF', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'tacu-pdf-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const textOf = (pdf: Buffer, name: string): string => {
      const file = join(dir, name);
      writeFileSync(file, pdf);
      return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    };
    const pdfOf = async (id: string, how: 'query' | 'accept') => {
      const req = h.http.get(how === 'query' ? `/documents/${id}?format=pdf` : `/documents/${id}`).auth(await h.token(USERS.lead), { type: 'bearer' });
      if (how === 'accept') req.set('Accept', 'application/pdf');
      return req.buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    };

    it('is printed from the stored HTML: the case reference on the page, the child’s words in Irish and English, every action', async () => {
      const { id } = await openCase(h);
      await drive(h, id, journey().slice(0, journey().findIndex((s) => s.state === 'actionPlan.awaitingFamilySignOff') + 1));
      const documents = await list(id);
      const reference = caseReferenceOf(id);

      const assessment = await pdfOf(documents.find((d) => d.kind === 'strengthsAndNeedsRecord')?.id as string, 'query');
      expect(assessment.status).toBe(200);
      expect(assessment.headers['content-type']).toBe('application/pdf');
      const assessmentText = textOf(assessment.body as Buffer, 'assessment.pdf').replace(/\s+/g, ' ');
      expect(assessmentText).toContain(reference);
      expect(assessmentText).toContain(IRISH_WORDS);
      expect(assessmentText).toContain(ENGLISH_WORDS);

      const plan = await pdfOf(documents.find((d) => d.kind === 'actionPlan' && d.audience === 'family')?.id as string, 'accept');
      expect(plan.headers['content-type']).toBe('application/pdf');
      const planText = textOf(plan.body as Buffer, 'plan.pdf').replace(/\s+/g, ' ');
      expect(planText).toContain(reference);
      for (const action of sampleEvent('DRAFT_PLAN').actions) expect(planText).toContain(action.what);
    });
  });
});

describe('stage documents without a browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ CHROMIUM_PATH: '/nonexistent/chromium' });
  });
  afterAll(() => h.close());

  it('the HTML still works; the PDF is a 503 that says how to install a browser', async () => {
    const { id } = await openCase(h);
    const [document] = (await get(h, `/cases/${id}/documents`, USERS.lead)).body.items as Summary[];
    expect((await get(h, `/documents/${document?.id}`, USERS.lead)).status).toBe(200);
    const pdf = await h.http.get(`/documents/${document?.id}?format=pdf`).auth(await h.token(USERS.lead), { type: 'bearer' });
    expect(pdf.status).toBe(503);
    expect(pdf.body.detail).toContain('apt-get install -y chromium fonts-liberation');
  });
});
