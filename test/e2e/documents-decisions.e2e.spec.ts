/**
 * Stage documents say what was decided, over HTTP: the consent record is issued again at every
 * consent recorded, widened, withdrawn or decided on, in any stage, showing each consent as it
 * stands; the last consent withdrawn closes the case with a consent record and a closing summary
 * that say so; the child protection report is issued at the outcome and at a decision not to
 * report, and its footer follows Children First; a redirected or declined request is issued again
 * with the reason, also in the family's version; headings never repeat; Irish documents carry no
 * English fixed wording; the PDF header names the document's issue, not the plan's version; the
 * documents name the organisation as configured.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fullJourney, journeyTo, sampleEvent } from './support/api';
import { drive, get, openCase, send, startHarness, USERS, type Harness } from './support/harness';

type Summary = { id: string; kind: string; audience: string; locale: string; version: number; state: string; eventType: string };

/** The text a reader sees. */
function visible(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const MOTHER = 'Siobhán Murphy';
const FATHER = 'Dónal Murphy';

describe('stage documents say what was decided', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const list = async (caseId: string, as: string = USERS.coordinator) => (await get(h, `/cases/${caseId}/documents`, as)).body.items as Summary[];
  const text = async (id: string, as: string = USERS.coordinator) => visible((await get(h, `/documents/${id}`, as)).text);
  const series = async (caseId: string, kind: string, audience = 'professional', locale = 'en') =>
    (await list(caseId)).filter((d) => d.kind === kind && d.audience === audience && d.locale === locale);
  const latest = async (caseId: string, kind: string, audience = 'professional', locale = 'en') => {
    const all = await series(caseId, kind, audience, locale);
    const last = all[all.length - 1];
    if (!last) throw new Error(`no ${kind} ${audience} ${locale} document`);
    return text(last.id);
  };
  /** Sends an event that must be accepted (and lead to `state`, when given); answers the transition. */
  const ok = async (caseId: string, event: Parameters<typeof send>[2], as: string, state?: string) => {
    const res = await send(h, caseId, event, as);
    const type = (event as { type: string }).type;
    expect({ type, status: res.status, ...(state ? { state: res.body.state } : {}) }).toEqual({ type, status: 200, ...(state ? { state } : {}) });
    return res.body;
  };

  it('the consent record is issued again at every consent recorded, widened, withdrawn or decided on, in any stage, showing each as it stands', async () => {
    const { id, body } = await openCase(h, USERS.lead, {
      familyMembers: [
        { name: MOTHER, relationship: 'mother', hasParentalResponsibility: true },
        { name: FATHER, relationship: 'father', hasParentalResponsibility: true },
      ],
    });
    const fatherId = (body['familyMembers'] as { id: string; relationship: string }[]).find((m) => m.relationship === 'father')?.id;
    const steps = journeyTo('assessment.inProgress', USERS.lead);
    const beforeConsent = steps.findIndex((s) => s.event.type === 'RECORD_CONSENT');
    await drive(h, id, steps.slice(0, beforeConsent));
    // Consent was asked for, nobody has consented: no consent record of "No"s.
    expect(await series(id, 'consentRecord')).toEqual([]);

    await drive(h, id, steps.slice(beforeConsent));
    const first = await latest(id, 'consentRecord');
    expect(first).toContain(`Consent of ${MOTHER}`);
    expect(first).toContain('Take part in Meitheal Yes');
    expect(first).toContain('Share information with Scoil Bhríde National School and Public Health Nursing');

    // Widened during the assessment: the case stays where it is, the record is issued again.
    const widened = { ...sampleEvent('RECORD_CONSENT'), scopes: { ...sampleEvent('RECORD_CONSENT').scopes, shareWithAgencies: ['Scoil Bhríde National School', 'Public Health Nursing', 'Family Resource Centre'] } };
    await ok(id, widened, USERS.lead, 'assessment.inProgress');
    expect(await latest(id, 'consentRecord')).toContain('Share information with Scoil Bhríde National School, Public Health Nursing and Family Resource Centre');

    await ok(id, { ...sampleEvent('RECORD_CONSENT'), givenBy: { name: FATHER, personId: fatherId, hasParentalResponsibility: true } }, USERS.lead, 'assessment.inProgress');
    expect(await latest(id, 'consentRecord')).toContain(`Consent of ${FATHER}`);

    // One of two parents withdraws: processing stops, one consent record (the transition's and the state's are the same issue).
    expect((await ok(id, sampleEvent('WITHDRAW_CONSENT'), USERS.lead, 'consentWithdrawal'))['documents']).toEqual(['consentRecord']);
    const stopped = await latest(id, 'consentRecord');
    expect(stopped).toContain('Consent withdrawn');
    expect(stopped).toContain('Reason given: We are managing fine now.');
    expect(stopped).toContain("Waiting for the coordinator's decision.");

    await ok(id, { type: 'DECIDE_ON_WITHDRAWAL', decision: 'continueWithRemainingConsent', reason: "Dónal's consent covers the assessment." }, USERS.coordinator, 'assessment.inProgress');
    const decided = await latest(id, 'consentRecord');
    expect(decided).toContain("to continue with the remaining consent: Dónal's consent covers the assessment.");
    expect(decided).not.toContain("Waiting for the coordinator's decision.");

    // Withdrawn while a concern is open (the escalation goes on): recorded and issued all the same.
    await ok(id, sampleEvent('RAISE_CONCERN'), USERS.lead, 'escalation.raised');
    await ok(id, { ...sampleEvent('WITHDRAW_CONSENT'), withdrawnBy: { name: FATHER, personId: fatherId } }, USERS.lead, 'escalation.raised');
    expect((await latest(id, 'consentRecord')).match(/Consent withdrawn/g)).toHaveLength(2);

    const issued = await series(id, 'consentRecord');
    expect(issued.map((d) => [d.version, d.eventType])).toEqual([
      [1, 'RECORD_CONSENT'],
      [2, 'RECORD_CONSENT'],
      [3, 'RECORD_CONSENT'],
      [4, 'WITHDRAW_CONSENT'],
      [5, 'DECIDE_ON_WITHDRAWAL'],
      [6, 'WITHDRAW_CONSENT'],
    ]);
  });

  it('the last consent withdrawn: the consent record shows it and that the case closed; the closing summary says why, with no "what you told us" nobody was asked for', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('assessment.inProgress', USERS.lead));
    const closed = await ok(id, sampleEvent('WITHDRAW_CONSENT'), USERS.lead, 'closed');
    expect((closed['documents'] as string[]).sort()).toEqual(['closingSummary', 'consentRecord']);

    const consent = await latest(id, 'consentRecord');
    expect(consent).toContain('Consent withdrawn');
    expect(consent).toContain('because consent was withdrawn.');
    expect(consent).not.toContain("Waiting for the coordinator's decision.");

    const family = await latest(id, 'closingSummary', 'family');
    expect(family).toContain('Why the plan is ending You told us you want to stop.');
    expect(family).not.toContain('What you told us');
    expect(family).not.toContain('Not recorded');
    const professional = await latest(id, 'closingSummary');
    expect(professional).toContain('Why the case closes Consent was withdrawn');
    expect(professional).toContain('no feedback was asked for');
    expect(professional).not.toContain('Not recorded');
  });

  it('the child protection report is issued at the outcome, showing it and who recorded it; its footer follows Children First', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('meeting.invited', USERS.lead));
    await ok(id, sampleEvent('RAISE_CONCERN'), USERS.lead);
    await ok(id, sampleEvent('CONSULT_LIAISON'), USERS.dlp);
    await ok(id, sampleEvent('SUBMIT_REPORT'), USERS.dlp);
    await ok(id, sampleEvent('ACKNOWLEDGE_REPORT'), USERS.dlp);
    await ok(id, sampleEvent('RECORD_CONCERN_OUTCOME'), USERS.dlp, 'meeting.invited');
    expect((await series(id, 'childProtectionReport')).map((d) => [d.version, d.eventType])).toEqual([
      [1, 'SUBMIT_REPORT'],
      [2, 'ACKNOWLEDGE_REPORT'],
      [3, 'RECORD_CONCERN_OUTCOME'],
    ]);
    const report = await latest(id, 'childProtectionReport');
    expect(report).toMatch(/Returned to early intervention, recorded by Patrick Ryan on \w+ \d+ \w+ 2026\./);
    expect(report).toContain('Tusla screened the report; family support continues through the Meitheal.');
    expect(report).not.toContain('The outcome is awaited.');
    expect(report).not.toContain('on hold while the concern is open');
    expect(report).toContain("never waits for anyone's consent");
    expect(report).not.toContain("consent allows");
  });

  it('the review record is issued again with the decision taken on it (continue, revise with the reason, propose closure), for the family too', async () => {
    const { id } = await openCase(h, USERS.lead);
    await drive(h, id, journeyTo('review.recorded', USERS.lead));
    const recorded = await latest(id, 'reviewRecord');
    expect(recorded).toContain('Decision after the review Not decided yet');

    await ok(id, sampleEvent('CONTINUE_PLAN'), USERS.lead, 'review.scheduled');
    const continued = await latest(id, 'reviewRecord');
    expect(continued).toContain('Decision after the review The plan continues as it is.');
    // The record is the review's that was decided (the next cycle has begun): its number and its minutes.
    expect(continued).toContain('Review number 1');
    expect(continued).toContain(sampleEvent('RECORD_REVIEW').minutes as string);
    expect((await series(id, 'reviewRecord')).map((d) => [d.version, d.eventType])).toEqual([
      [1, 'RECORD_REVIEW'],
      [2, 'CONTINUE_PLAN'],
    ]);

    // The second review revises the plan: why, in the words typed; the family reads that the plan will change.
    await ok(id, sampleEvent('HOLD_REVIEW'), USERS.lead, 'review.held');
    await ok(id, sampleEvent('RECORD_REVIEW'), USERS.lead, 'review.recorded');
    await ok(id, sampleEvent('REVISE_PLAN'), USERS.lead, 'actionPlan.drafting');
    const revised = await latest(id, 'reviewRecord');
    expect(revised).toContain('Review number 2');
    expect(revised).toContain('The plan is revised: a new version is drafted for the family to sign off.');
    expect(revised).toContain(`Why: ${sampleEvent('REVISE_PLAN').reason as string}`);
    expect(revised).toContain('Next review The revised plan is signed off first; the next review is counted from then.');
    const family = await latest(id, 'reviewRecord', 'family');
    expect(family).toContain('We will change the plan together. You will read the new plan before you sign it.');
    expect(family).not.toContain('We will meet again');

    // The revised plan sent for sign-off, and the family asks for changes: the plan is issued again saying so.
    await ok(id, sampleEvent('DRAFT_PLAN'), USERS.lead, 'actionPlan.drafting');
    await ok(id, sampleEvent('SUBMIT_PLAN_FOR_SIGN_OFF'), USERS.lead, 'actionPlan.awaitingFamilySignOff');
    expect(await latest(id, 'actionPlan')).toContain("Waiting for the family's sign-off");
    await ok(id, sampleEvent('REQUEST_PLAN_CHANGES'), USERS.lead, 'actionPlan.drafting');
    const changes = await latest(id, 'actionPlan');
    expect(changes).not.toContain("Waiting for the family's sign-off");
    expect(changes).toContain('Being drafted');
    expect(changes).toContain(`Changes the family asked for Version 2`);
    expect(changes).toContain(sampleEvent('REQUEST_PLAN_CHANGES').changesRequested as string);
    expect((await series(id, 'actionPlan')).at(-1)?.eventType).toBe('REQUEST_PLAN_CHANGES');
    // The family's issue says what they asked for and that this one is not to be signed.
    const familyChanges = await latest(id, 'actionPlan', 'family');
    expect(familyChanges).toContain(`You asked for changes ${sampleEvent('REQUEST_PLAN_CHANGES').changesRequested as string}`);
    expect(familyChanges).toContain('We are changing the plan. Do not sign this one. You will read the new plan before you sign it.');
    expect(familyChanges).not.toContain('Sign here');
    expect(familyChanges).not.toContain('If you are happy with it, sign it.');
    expect(changes).not.toContain('Sign here');
    // Changed and sent again, the new plan asks for the family's signature again.
    await ok(id, sampleEvent('DRAFT_PLAN'), USERS.lead, 'actionPlan.drafting');
    await ok(id, sampleEvent('SUBMIT_PLAN_FOR_SIGN_OFF'), USERS.lead, 'actionPlan.awaitingFamilySignOff');
    expect(await latest(id, 'actionPlan', 'family')).toContain('Sign here');
  });

  it('a review that proposes closure: its record says so, and the family reads that the support can end', async () => {
    const { id } = await openCase(h, USERS.lead);
    await drive(h, id, journeyTo('closure.proposed', USERS.lead));
    const record = await latest(id, 'reviewRecord');
    expect(record).toContain('Review number 2');
    expect(record).toContain('Decision after the review Closure is proposed. Reason: The needs were met.');
    expect(record).toContain('Next review No further review: the case goes on to closure.');
    expect(record).not.toContain('usually within 6 to 8 weeks');
    expect(await latest(id, 'reviewRecord', 'family')).toContain('We think the support can end now. We will talk with you about it first.');
  });

  it('a decision not to report is written into the report: who decided, when, and why', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('assessment.inProgress', USERS.lead));
    await ok(id, sampleEvent('RAISE_CONCERN'), USERS.lead);
    await ok(id, sampleEvent('CONSULT_LIAISON'), USERS.dlp);
    await ok(id, sampleEvent('DECIDE_NOT_TO_REPORT'), USERS.dlp, 'assessment.inProgress');
    const issued = await series(id, 'childProtectionReport');
    expect(issued.map((d) => d.eventType)).toEqual(['DECIDE_NOT_TO_REPORT']);
    const report = await latest(id, 'childProtectionReport');
    expect(report).toMatch(/Patrick Ryan, the designated liaison person, decided on \w+ \d+ \w+ 2026 not to report to the statutory service\. Why: Below the threshold of reasonable grounds/);
    expect(report).not.toContain('No report has been made yet.');
    expect(report).not.toContain('The outcome is awaited.');
  });

  it('REGISTER_REQUEST: the request for support is issued again, no longer waiting for the decision', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('assessment.inProgress', USERS.lead));
    expect((await series(id, 'requestForSupport')).map((d) => d.eventType)).toEqual(['OPEN_CASE', 'SUBMIT_REQUEST', 'REGISTER_REQUEST']);
    const text = await latest(id, 'requestForSupport');
    expect(text).toContain('Registered');
    expect(text).toContain('Lead practitioner Aoife Byrne');
    expect(text).not.toContain("Waiting for the coordinator's decision.");
    expect(await latest(id, 'requestForSupport', 'family')).toContain('The coordinator said yes.');
  });

  it('a written report after an urgent phone report is written into the report', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('assessment.inProgress', USERS.lead));
    await ok(id, sampleEvent('RAISE_CONCERN'), USERS.lead);
    await ok(id, sampleEvent('CONSULT_LIAISON'), USERS.dlp);
    await ok(id, { ...sampleEvent('SUBMIT_REPORT'), method: 'phone', statutoryReference: undefined }, USERS.dlp, 'escalation.reported.phoned');
    expect((await ok(id, { ...sampleEvent('SUBMIT_REPORT'), method: 'written' }, USERS.dlp, 'escalation.reported.inWriting'))['documents']).toEqual(['childProtectionReport']);
    expect((await series(id, 'childProtectionReport')).map((d) => d.eventType)).toEqual(['SUBMIT_REPORT', 'SUBMIT_REPORT']);
    const report = await latest(id, 'childProtectionReport');
    expect(report).toContain('By phone (urgent)');
    expect(report).toContain('In writing');
  });

  it.each([
    ['REDIRECT_REQUEST', 'redirected', 'Redirected to Primary Care Psychology. Why: The need is a single assessment', 'The coordinator thinks another service can help you best: Primary Care Psychology. This is why: The need is a single assessment'],
    ['DECLINE_REQUEST', 'declined', 'Why it was declined: The family already has an open Meitheal in another area.', 'The coordinator could not take on the request. This is why: The family already has an open Meitheal in another area.'],
  ] as const)('%s: the request for support is issued again with the decision and the reason, for the family too', async (type, state, professional, family) => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('request.submitted', USERS.lead));
    const decided = await ok(id, sampleEvent(type), USERS.coordinator, state);
    expect(decided['documents']).toEqual(['requestForSupport']);
    const text = await latest(id, 'requestForSupport');
    expect(text).toContain(professional);
    expect(text).not.toContain("Waiting for the coordinator's decision.");
    expect(await latest(id, 'requestForSupport', 'family')).toContain(family);
    // The family's version is one the lead practitioner may read and give them.
    expect((await list(id, USERS.lead)).filter((d) => d.kind === 'requestForSupport' && d.audience === 'family').length).toBeGreaterThan(0);
  });

  describe('a whole case with a family that speaks Irish', () => {
    let id: string;
    beforeAll(async () => {
      id = (await openCase(h, USERS.lead, { familyMembers: [{ name: MOTHER, relationship: 'mother', hasParentalResponsibility: true, firstLanguage: 'Irish' }] })).id;
      await drive(h, id, fullJourney(USERS.lead));
    });

    it('no document repeats a heading within a section, nor a section heading', async () => {
      const documents = await list(id);
      expect(documents.length).toBeGreaterThan(20);
      for (const d of documents) {
        const html = (await get(h, `/documents/${d.id}`, USERS.coordinator)).text;
        const headings = [...html.matchAll(/<(h[1-6]|caption|figcaption)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => ({ tag: m[1], text: visible(m[2] ?? '').toLowerCase() }));
        let section: string[] = [];
        const repeated: string[] = [];
        for (const heading of headings) {
          if (heading.tag === 'h1' || heading.tag === 'h2') section = [];
          if (section.includes(heading.text)) repeated.push(heading.text);
          section.push(heading.text);
        }
        const sections = headings.filter((x) => x.tag === 'h1' || x.tag === 'h2').map((x) => x.text);
        expect({ document: `${d.kind}.${d.audience}.${d.locale} v${d.version}`, repeated, sections: sections.filter((s, i) => sections.indexOf(s) !== i) }).toEqual({
          document: `${d.kind}.${d.audience}.${d.locale} v${d.version}`,
          repeated: [],
          sections: [],
        });
      }
    });

    it('the Irish review record and closing summary rate in Irish, with no English fixed wording', async () => {
      for (const kind of ['reviewRecord', 'closingSummary', 'actionPlan', 'requestForSupport']) {
        const issued = await series(id, kind, 'family', 'ga');
        expect(issued.length).toBeGreaterThan(0);
        for (const d of issued) {
          const html = (await get(h, `/documents/${d.id}`, USERS.coordinator)).text;
          expect({ kind, fallback: html.match(/lang="en"/g) ?? [] }).toEqual({ kind, fallback: [] });
          const words = visible(html);
          for (const english of ['Some progress', 'On target', 'Little progress', 'Active and healthy', 'Who to call', 'of 3']) expect(words).not.toContain(english);
        }
      }
      expect(await latest(id, 'closingSummary', 'family', 'ga')).toMatch(/\d as 3: (Ar an sprioc|Roinnt dul chun cinn|Beagán dul chun cinn)/);
    });

    it('documents name the organisation as configured (ORGANISATION_NAME, as the pages do)', async () => {
      const name = h.config.pages.organisationName;
      expect(name).toBe('Demo Family Support Network');
      for (const d of (await list(id)).slice(0, 5)) {
        const words = await text(d.id);
        expect(words).toContain(name);
        expect(words).not.toContain('Default organisation');
      }
    });

    it('the PDF header names the issue ("issue 2", "eisiúint 2"), the body the plan version: never the same word for both', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tacu-pdf-issue-'));
      try {
        const pdfText = async (document: Summary) => {
          const res = await h.http
            .get(`/documents/${document.id}?format=pdf`)
            .auth(await h.token(USERS.lead), { type: 'bearer' })
            .buffer(true)
            .parse((r, done) => {
              const chunks: Buffer[] = [];
              r.on('data', (c: Buffer) => chunks.push(c));
              r.on('end', () => done(null, Buffer.concat(chunks)));
            });
          expect(res.status).toBe(200);
          const file = join(dir, `${document.id}.pdf`);
          writeFileSync(file, res.body as Buffer);
          return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
        };
        // The plan signed off is the second issue of the plan document, of plan version 1.
        const english = (await series(id, 'actionPlan', 'professional', 'en')).find((d) => d.version === 2) as Summary;
        const en = await pdfText(english);
        expect(en).toContain('Action Plan: Seán Murphy');
        expect(en).toMatch(/, issue 2 /);
        expect(en).toContain('Version 1 of the action plan.');
        expect(en).not.toMatch(/version 2/i);
        const irish = (await series(id, 'actionPlan', 'family', 'ga')).find((d) => d.version === 2) as Summary;
        const ga = await pdfText(irish);
        expect(ga).toMatch(/, eisiúint 2 /);
        expect(ga).toMatch(/leagan 1 den phlean/);
        expect(ga).not.toMatch(/version|leagan 2/i);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
