/**
 * The view-model builders, fed with contexts from the real case machine: the Murphy case driven
 * through every stage (testing/murphy-journey.ts). Each test takes the context as the engine holds
 * it when a state that names the document is entered, builds the view model, renders it, and
 * checks what a reader of the document would notice.
 */
import { caseWorkflow } from '@tacu/workflows';
import { buildViewModel, type ViewModels } from './build';
import type { CaseFacts } from './facts';
import { AUDIENCES_OF, DOCUMENT_KINDS, LOCALES, type Audience, type DocumentKind } from './kinds';
import { sharedRenderer, visibleText } from './testing';
import { at, journey, MURPHY_FACTS } from './testing/murphy-journey';

const snapshots = journey();

function build<K extends DocumentKind>(kind: K, step: string, audience: Audience = 'professional', facts: CaseFacts = MURPHY_FACTS): ViewModels[K] {
  const { context } = at(snapshots, step);
  return buildViewModel(kind, audience, { context, facts, producedAt: context.now });
}

function read<K extends DocumentKind>(kind: K, audience: Audience, viewModel: ViewModels[K], locale: 'en' | 'ga' = 'en'): string {
  return visibleText(sharedRenderer().render({ kind, audience, locale }, viewModel));
}

/** Paths of every `undefined` in a view model (a view model is complete JSON: absent values are null). */
function undefinedPaths(value: unknown, path = ''): string[] {
  if (value === undefined) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => undefinedPaths(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => undefinedPaths(v, path ? `${path}.${k}` : k));
  return [];
}

/** For each kind, a step of the journey whose resting state produces it. */
const PRODUCED_AT: Record<DocumentKind, string> = {
  requestForSupport: 'submitted',
  consentRecord: 'consentRecorded',
  strengthsAndNeedsRecord: 'assessmentCompleted',
  meetingRecord: 'minutesDistributed',
  actionPlan: 'planSubmitted',
  reviewRecord: 'reviewRecorded',
  closingSummary: 'feedbackCollected',
  childProtectionReport: 'reported',
};

describe('view models built from the case machine', () => {
  it.each([
    ['submitted', 'requestForSupport'],
    ['assessmentCompleted', 'strengthsAndNeedsRecord'],
    ['meetingHeld', 'meetingRecord'],
    ['planSubmitted', 'actionPlan'],
    ['reviewRecorded', 'reviewRecord'],
    ['feedbackCollected', 'closingSummary'],
    ['reported', 'childProtectionReport'],
  ])('the journey rests at %s in a state that names the %s document', (step, kind) => {
    expect(at(snapshots, step).document).toBe(kind);
  });

  it.each([
    ['case.escalation.outcome', 'childProtectionReport'],
    ['case.escalation.notReported', 'childProtectionReport'],
    ['case.request.redirected', 'requestForSupport'],
    ['case.request.declined', 'requestForSupport'],
  ])('%s, passed through on the way out of its stage, names the %s document', (id, kind) => {
    expect((caseWorkflow.machine.getStateNodeById(id).meta as { document?: string } | undefined)?.document).toBe(kind);
  });

  it('a consent recorded names the consent record in its own meta: it enters no state, wherever the case is', () => {
    const [recordConsent] = caseWorkflow.machine.root.transitions.get('RECORD_CONSENT') ?? [];
    expect((recordConsent?.meta as { document?: string } | undefined)?.document).toBe('consentRecord');
    expect(at(snapshots, 'consentRecorded').state).toBe(at(snapshots, 'consentRequested').state);
  });

  it.each(DOCUMENT_KINDS.flatMap((kind) => AUDIENCES_OF[kind].flatMap((audience) => LOCALES.map((locale) => [kind, audience, locale] as const))))(
    '%s (%s, %s): complete, and it renders',
    (kind, audience, locale) => {
      const viewModel = build(kind, PRODUCED_AT[kind], audience);
      expect(undefinedPaths(viewModel)).toEqual([]);
      const html = sharedRenderer().render({ kind, audience, locale }, viewModel as never);
      expect(html).toContain(`<html lang="${locale}">`);
      expect(visibleText(html)).toContain('DSC-2026-0142');
    },
  );

  it('a family version exists only for the request for support, the action plan, the review record and the closing summary', () => {
    expect(() => build('consentRecord', 'consentRecorded', 'family')).toThrow(/no family version of the consentRecord document/);
  });

  describe('Request for Support', () => {
    it('states why support is asked for, the baseline on every national outcome in the framework order, and who consented', () => {
      const vm = build('requestForSupport', 'submitted');
      const text = read('requestForSupport', 'professional', vm);
      expect(text).toContain('Seán has missed a third of school days this term');
      expect(vm.preRequestChecklist?.ratings.map((r) => r.outcome.en)).toEqual([
        'Active and healthy, with physical and mental wellbeing',
        'Achieving full potential in all areas of learning and development',
        'Safe and protected from harm',
        'Economic security and opportunity',
        'Connected, respected and contributing to their world',
      ]);
      expect(text).toContain('Achieving full potential in all areas of learning and development 1 of 3: Little progress');
      expect(text).toContain('Written consent given by Siobhán Murphy');
      expect(text).toContain("Waiting for the coordinator's decision.");
    });

    it('says the request was registered, with the lead practitioner, once the coordinator has decided', () => {
      const text = read('requestForSupport', 'professional', build('requestForSupport', 'registered'));
      expect(text).toContain('Registered');
      expect(text).toContain('Lead practitioner Aoife Byrne, Scoil Bhríde National School');
      expect(read('requestForSupport', 'family', build('requestForSupport', 'registered', 'family'))).toContain('The coordinator said yes.');
    });

    it('redirected: says to which service and why, in both versions; the family version in plain words', () => {
      const vm = build('requestForSupport', 'redirected');
      const text = read('requestForSupport', 'professional', vm);
      expect(text).toContain('Redirected to another service');
      expect(text).toContain('Redirected to Bereavement counselling, Barnardos. Why: What Seán and his mother need most is bereavement support');
      expect(text).not.toContain("Waiting for the coordinator's decision.");
      const family = read('requestForSupport', 'family', build('requestForSupport', 'redirected', 'family'));
      expect(family).toContain('The coordinator thinks another service can help you best: Bereavement counselling, Barnardos. This is why: What Seán and his mother need most');
      expect(family).toContain('call Aoife Byrne');
    });

    it('declined: says why, in both versions', () => {
      const text = read('requestForSupport', 'professional', build('requestForSupport', 'declined'));
      expect(text).toContain('Declined');
      expect(text).toContain('Why it was declined: The family lives outside this network area');
      expect(text).not.toContain("Waiting for the coordinator's decision.");
      const family = read('requestForSupport', 'family', build('requestForSupport', 'declined', 'family'));
      expect(family).toContain('The coordinator could not take on the request. This is why: The family lives outside this network area');
    });
  });

  describe('Consent record', () => {
    it("shows each scope of Siobhán's consent, and what the case may do", () => {
      const text = read('consentRecord', 'professional', build('consentRecord', 'consentRecorded'));
      expect(text).toContain('Consent of Siobhán Murphy');
      expect(text).toContain('Share information with Scoil Bhríde National School and Public Health Nursing');
      expect(text).toContain('Not sought. Why: Seán is 7; his views are sought in the assessment.');
      expect(text).toContain('Practitioner who may be contacted Niamh Kelly, school completion programme');
      expect(text).toContain('Take part in Meitheal Yes');
    });

    it('the last consent withdrawn: shows the withdrawal and that the case closed because of it, not a decision still awaited', () => {
      const text = read('consentRecord', 'professional', build('consentRecord', 'consentWithdrawn'));
      expect(text).toContain('Consent withdrawn');
      expect(text).toContain('Withdrawn on Tuesday 10 March 2026.');
      expect(text).toContain('Reason given: We are managing on our own now.');
      expect(text).toContain('The case closed on Tuesday 10 March 2026 because consent was withdrawn.');
      expect(text.match(/because consent was withdrawn/g)).toHaveLength(1);
      expect(text).not.toContain("Waiting for the coordinator's decision.");
      expect(text).toContain('Take part in Meitheal No');
    });

    it('before anyone consented, says so rather than a table of "No"s alone', () => {
      const text = read('consentRecord', 'professional', build('consentRecord', 'consentRequested'));
      expect(text).toContain('Nobody has given or refused consent yet');
    });
  });

  describe('Strengths and Needs record', () => {
    it("places strengths and needs on the framework's sides of the child's world, and quotes the child in his own words", () => {
      const vm = build('strengthsAndNeedsRecord', 'assessmentCompleted');
      expect(vm.sides.map((s) => [s.side.en, s.strengths.length, s.needs.length])).toEqual([
        ['How I grow and develop', 1, 1],
        ['What I need from the people who look after me', 1, 0],
        ['My wider world', 0, 1],
      ]);
      const text = read('strengthsAndNeedsRecord', 'professional', vm);
      expect(text).toContain('What Seán Murphy said Is maith liom mo mhúinteoir ach bíonn an clós scanrúil.');
      expect(text).toContain("What the parents said Since Dad died I can't get him out the door in the mornings.");
      // The assessment's rating beside the pre-request checklist's.
      expect(text).toContain('Achieving full potential in all areas of learning and development 1 of 3: Little progress 1 of 3: Little progress Attendance at 66%.');
    });

    it('names who agreed it, and when', () => {
      const text = read('strengthsAndNeedsRecord', 'professional', build('strengthsAndNeedsRecord', 'assessmentAgreed'));
      expect(text).toContain('Agreed by the family Siobhán Murphy on Friday 20 March 2026');
    });
  });

  describe('Meeting record', () => {
    it('lists the invitees the family approved, who came, the apologies, and the minutes with who they went to', () => {
      const text = read('meetingRecord', 'professional', build('meetingRecord', 'minutesDistributed'));
      expect(text).toContain('Orla Doyle Public Health Nursing Yes');
      expect(text).toContain('Who came Name Relationship or agency Siobhán Murphy mother Aoife Byrne Scoil Bhríde National School Niamh Kelly');
      expect(text).toContain('Apologies Name Relationship or agency Orla Doyle');
      expect(text).toContain('Agreed: breakfast club from Monday.');
      expect(text).toContain('Minutes sent to Siobhán Murphy, Niamh Kelly and Orla Doyle on Friday 17 April 2026.');
      // 10:00 Irish summer time, shown in Europe/Dublin.
      expect(text).toContain('Arranged for Wednesday 15 April 2026, 10:00');
    });
  });

  describe('Action plan', () => {
    it('sent for sign-off: every action with its owner and due date, the version to sign, lines to sign on paper', () => {
      const vm = build('actionPlan', 'planSubmitted', 'family');
      expect(vm.signOff).toEqual({ planVersion: 1, signatures: [], signersExpected: ['Siobhán Murphy'] });
      const text = read('actionPlan', 'family', vm);
      expect(text).toContain('Breakfast club place from Monday. Why: Seán goes to school every day Niamh Kelly Friday 29 May 2026 Not started yet');
      expect(text).toContain('Bereavement support group on Wednesday evenings. Why: Mam gets some time for herself Aoife Byrne Wednesday 6 May 2026 Started');
      expect(text).toContain('Walks Seán to school on Mondays. Why: Seán goes to school every day Bridget Murphy Monday 4 May 2026 Not started yet');
      expect(text).toContain('This is version 1 of the plan.');
      expect(text).toContain('Please read the plan. If you are happy with it, sign it.');
      expect(text).toContain('Sign here Name Signature Date Siobhán Murphy');
      expect(text).toContain('We will meet with you again in 6 to 8 weeks');
    });

    it('the family version says who to call, with their phone number', () => {
      const text = read('actionPlan', 'family', build('actionPlan', 'planSubmitted', 'family'));
      expect(text).toContain('Who to call If you have a question, call Aoife Byrne.');
      expect(text).toContain('Phone: +353 1 555 0123');
    });

    it("a family-owned action names the family member and their relationship in the professional version", () => {
      const text = read('actionPlan', 'professional', build('actionPlan', 'planSubmitted'));
      expect(text).toContain('Walks Seán to school on Mondays. Seán goes to school every day Bridget Murphy (grandmother) Monday 4 May 2026');
    });

    it('signed off: each signature with the plan document its signer signed, and the day of the first review', () => {
      const { context } = at(snapshots, 'planSignedOff');
      const [mother] = context.plan.signOffs;
      if (!mother) throw new Error('the journey signed no plan');
      const irish = { planVersion: 1, id: 'doc-ga', version: 1, audience: 'family' as const, locale: 'ga', sha256: 'a'.repeat(64) };
      const english = { planVersion: 1, id: 'doc-en', version: 1, audience: 'family' as const, locale: 'en', sha256: 'b'.repeat(64) };
      const father = { ...mother, signedBy: { name: 'Dónal Murphy', personId: 'fm-father', as: 'parentCarer' as const }, method: 'portal' as const, document: english };
      const signed = { ...context, plan: { ...context.plan, signOffs: [{ ...mother, document: irish }, father] } };
      const vm = buildViewModel('actionPlan', 'professional', { context: signed, facts: MURPHY_FACTS, producedAt: context.now });
      expect(vm.planStatus).toBe('active');
      expect(vm.signOff.signatures.map((s) => [s.name, s.document?.sha256, s.document?.locale])).toEqual([
        ['Siobhán Murphy', 'a'.repeat(64), 'ga'],
        ['Dónal Murphy', 'b'.repeat(64), 'en'],
      ]);
      const text = read('actionPlan', 'professional', vm);
      expect(text).toContain('Version 1 of the action plan.');
      expect(text).toContain(`Siobhán Murphy Parent or carer In person Thursday 23 April 2026, 18:05 ${'a'.repeat(64)} (family's version, Irish)`);
      expect(text).toContain(`Dónal Murphy Parent or carer Online`);
      expect(text).toContain(`${'b'.repeat(64)} (family's version, English)`);
      expect(text).not.toContain('Still to sign');
      // Eight weeks (the published "6-8 weeks") from the day it was signed.
      expect(text).toContain('First review due by Thursday 18 June 2026.');
      // The family's Irish version tells each signer the code of the plan they signed, never another's.
      const family = read('actionPlan', 'family', buildViewModel('actionPlan', 'family', { context: signed, facts: MURPHY_FACTS, producedAt: context.now }), 'ga');
      expect(family).toContain(`Siobhán Murphy`);
      expect(family.indexOf('a'.repeat(64))).toBeGreaterThan(family.indexOf('Siobhán Murphy'));
      expect(family.indexOf('a'.repeat(64))).toBeLessThan(family.indexOf('Dónal Murphy'));
      expect(family.indexOf('b'.repeat(64))).toBeGreaterThan(family.indexOf('Dónal Murphy'));
    });

    it('a signature with no stored document says so, and shows no other signer’s document as its own', () => {
      const vm = build('actionPlan', 'planSignedOff', 'professional');
      expect(vm.signOff.signatures.map((s) => s.document)).toEqual([null]);
      expect(read('actionPlan', 'professional', vm)).toContain('Not stored (signed before documents were stored)');
    });
  });

  describe('Review record', () => {
    it('shows progress on each action with the action itself, the ratings beside the ones before, and both views', () => {
      const vm = build('reviewRecord', 'reviewRecorded');
      const text = read('reviewRecord', 'professional', vm);
      expect(text).toContain('Breakfast club place from Monday. Niamh Kelly, Scoil Bhríde National School Friday 29 May 2026 Done Attendance up from 66% to 94%.');
      expect(text).toContain('Achieving full potential in all areas of learning and development 1 of 3: Little progress 3 of 3: On target Attendance at 94%.');
      expect(text).toContain('What Seán Murphy said Breakfast club is class.');
      expect(text).toContain('What the family said Mornings are easier now.');
      expect(text).toContain('The meeting set the next review for Wednesday 15 July 2026.');
    });

    it('the family version says when we meet again and who to call', () => {
      const text = read('reviewRecord', 'family', build('reviewRecord', 'reviewRecorded', 'family'));
      expect(text).toContain('We met on Wednesday 3 June 2026 to look at the plan for Seán Murphy.');
      expect(text).toContain('We will meet again on Wednesday 15 July 2026.');
      expect(text).toContain('call Aoife Byrne');
    });
  });

  describe('Closing summary', () => {
    it('says why the case closes, the final ratings beside the first ones, and the onward referrals', () => {
      const vm = build('closingSummary', 'closed');
      const text = read('closingSummary', 'professional', vm);
      expect(text).toContain('The needs were met');
      expect(text).toContain('Closed on Friday 18 September 2026');
      // The first rating of each outcome is the pre-request checklist's.
      expect(text).toContain('Active and healthy, with physical and mental wellbeing 2 of 3: Some progress 3 of 3: On target');
      expect(text).toContain('Achieving full potential in all areas of learning and development 1 of 3: Little progress 3 of 3: On target');
      expect(text).toContain("Their own words were not recorded. Why: Seán did not want to talk about it on the day");
      expect(text).toContain('Onward referrals Local youth club');
    });

    it('closed because the last consent was withdrawn: says so, and shows no feedback as missing that nobody was asked for', () => {
      const vm = build('closingSummary', 'consentWithdrawn');
      expect(vm.feedbackCollected).toBe(false);
      const text = read('closingSummary', 'professional', vm);
      expect(text).toContain('Why the case closes Consent was withdrawn');
      expect(text).toContain('The case closed without a closing meeting, so no feedback was asked for.');
      expect(text).not.toContain('Not recorded');
      for (const locale of ['en', 'ga'] as const) {
        const family = read('closingSummary', 'family', build('closingSummary', 'consentWithdrawn', 'family'), locale);
        expect(family).toContain(locale === 'en' ? 'You told us you want to stop.' : 'Dúirt tú linn gur mian leat stopadh.');
        expect(family).not.toContain(locale === 'en' ? 'What you told us' : "An méid a d'inis tú dúinn");
        expect(family).not.toContain(locale === 'en' ? 'Not recorded' : 'Níor taifeadadh');
        // Closed before there was a plan: no empty "what we did" saying the plan has nothing "yet".
        expect(family).not.toContain(locale === 'en' ? 'What we did' : 'An méid a rinneamar');
      }
    });

    it('the family version says in plain words why the plan ends, and that they can ask again', () => {
      const text = read('closingSummary', 'family', build('closingSummary', 'feedbackCollected', 'family'));
      expect(text).toContain('Things are better now, so the plan has ended.');
      expect(text).toContain('You can ask for help again at any time.');
      expect(text).toContain('Phone: +353 1 555 0123');
    });
  });

  describe('Child protection and welfare report', () => {
    it('records the concern, the liaison advice, and who made the report with whom, by name', () => {
      const vm = build('childProtectionReport', 'reported');
      expect(vm.reports[0]?.reporter).toEqual({ name: 'Patrick Ryan', role: 'designatedLiaisonPerson' });
      const text = read('childProtectionReport', 'professional', vm);
      expect(text).toContain('Category Neglect');
      expect(text).toContain('Arrived without a coat for the third day running');
      expect(text).toContain('Patrick Ryan, consulted on Monday 8 June 2026, 11:40, advised: Report to Tusla today through the portal');
      expect(text).toContain('Made by Patrick Ryan');
      expect(text).toContain('Jointly with Niamh Kelly');
      expect(text).toContain('Waiting for the statutory service to acknowledge the report.');
    });

    it('once acknowledged, shows the statutory reference', () => {
      const text = read('childProtectionReport', 'professional', build('childProtectionReport', 'acknowledged'));
      expect(text).toContain('Acknowledged by the statutory service, reference TUS-2026-004512.');
    });

    it('the outcome recorded: says which, who recorded it and when, with the notes; the concern is no longer open', () => {
      const text = read('childProtectionReport', 'professional', build('childProtectionReport', 'concernOutcome'));
      expect(text).toContain('Returned to early intervention, recorded by Patrick Ryan on Friday 19 June 2026.');
      expect(text).toContain('Tusla closed the referral; early intervention continues with the plan.');
      expect(text).not.toContain('The outcome is awaited.');
      expect(text).not.toContain('The case is on hold while the concern is open.');
      // The reference the acknowledgement gave is the report's, no longer "not yet".
      expect(text).toContain('Reference TUS-2026-004512');
    });

    it('a decision not to report: who decided, when and why, and no report "not made yet"', () => {
      const vm = build('childProtectionReport', 'notReported');
      expect(vm.decidedNotToReport?.by).toBe('Patrick Ryan');
      const text = read('childProtectionReport', 'professional', vm);
      expect(text).toContain('Patrick Ryan, the designated liaison person, decided on Monday 8 June 2026 not to report to the statutory service. Why: The threshold for a report is not met');
      expect(text).not.toContain('No report has been made yet.');
      expect(text).not.toContain('The outcome is awaited.');
    });

    it("its footer follows Children First: shared to protect the child, never waiting for consent (not the family's consent)", () => {
      const html = sharedRenderer().render({ kind: 'childProtectionReport', audience: 'professional', locale: 'en' }, build('childProtectionReport', 'reported'));
      expect(visibleText(html)).toContain("never waits for anyone's consent");
      expect(visibleText(html)).not.toContain("consent allows");
      const ga = sharedRenderer().render({ kind: 'childProtectionReport', audience: 'professional', locale: 'ga' }, build('childProtectionReport', 'reported'));
      expect(visibleText(ga)).toContain('ní fhanann sí le toiliú aon duine');
      expect(visibleText(ga)).not.toContain('mar a cheadaíonn toiliú an teaghlaigh');
    });

    it('is not made for a case without a concern', () => {
      expect(() => build('childProtectionReport', 'reviewRecorded')).toThrow(/no concern/);
    });
  });
});
