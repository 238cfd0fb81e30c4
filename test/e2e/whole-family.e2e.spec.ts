/**
 * One realistic family through the whole Meitheal over the API, as the forms record it (issue
 * "What practitioners really record", how it is shown): a pre-request checklist completed with the
 * parent and the child; a young person of 16 and her two parents, who consent each on their own
 * form and with their own scopes; a contact log; an assessment with the young person's own
 * views; a support meeting; a plan with actions the family owns, signed by both parents and the
 * young person; a concern the invited public health nurse, a mandated person, reports directly
 * and jointly with the lead; a review meeting that sets the day of the next review; closure at a
 * closing meeting with the final ratings and the family's and the young person's feedback. The
 * clock moves with the family, so each deadline is checked on the day it counts from.
 */
import type { CaseEvent } from '@tacu/domain';
import { INVITED_AGENCY_USER, sampleChecklist } from './support/api';
import { get, openCase, send, startHarness, USERS, type Harness } from './support/harness';

type Member = { id: string; name: string; relationship: string; hasParentalResponsibility: boolean };
type Deadline = { name: string; dueOn: string };

const SCHOOL = 'Coláiste Éanna';
const NURSING = 'Public Health Nursing';
const YOUTH_SERVICE = 'Foróige Youth Service';

describe('a whole family through the Meitheal, as the forms record it', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  /** Moves the clock to `time` UTC (default 09:00) on `day` (YYYY-MM-DD) and answers the day. */
  const on = (day: string, time = '09:00') => {
    h.clock.set(`${day}T${time}:00.000Z`);
    return day;
  };

  async function step(caseId: string, event: CaseEvent | Record<string, unknown>, as: string, state: string) {
    const res = await send(h, caseId, event, as);
    expect({ type: event['type'], status: res.status, state: res.body.state, problem: res.status === 200 ? undefined : res.body }).toEqual({ type: event['type'], status: 200, state, problem: undefined });
    return res.body as Record<string, unknown>;
  }

  const read = async (caseId: string, as: string = USERS.lead) => (await get(h, `/cases/${caseId}`, as)).body;
  const deadline = (body: { deadlines: Deadline[] }, name: string) => body.deadlines.find((d) => d.name === name)?.dueOn;

  it('two parents consent apart, the young person consents and signs, a family-owned action, a direct report, a review that sets the next, closure at a closing meeting', async () => {
    // The pre-request checklist, completed with Siobhán and Róisín together, leads to a request.
    on('2026-03-02');
    const checklist = await h.http
      .post('/pre-request-checklists')
      .auth(await h.token(USERS.lead), { type: 'bearer' })
      .send(sampleChecklist({ childName: 'Róisín Murphy', completedWith: 'both' }));
    expect(checklist.status).toBe(201);

    const opened = await openCase(h, USERS.lead, {
      preRequestChecklistId: checklist.body.id,
      child: {
        name: 'Róisín Murphy',
        dateOfBirth: '2009-06-01',
        gender: 'female',
        school: SCHOOL,
        schoolClass: '5th year',
        gp: 'Dr Ciara Lynch, Main Street Medical Centre',
        firstLanguage: 'Irish',
        interpreterNeeded: false,
        professionalsInvolved: [{ name: 'Orla Doyle', service: NURSING, contact: { phone: '+353 1 555 0199' } }],
        sensitive: { disabilityOrAdditionalNeeds: 'Dyslexia; reading support at school.' },
      },
      familyMembers: [
        { name: 'Siobhán Murphy', relationship: 'mother', hasParentalResponsibility: true, sensitive: { address: '12 Church Road, Tallaght, Dublin 24' } },
        // The father lives apart and has his own address, kept as sensitive as the mother's.
        { name: 'Dónal Murphy', relationship: 'father', hasParentalResponsibility: true, firstLanguage: 'English', sensitive: { address: 'Flat 3, 40 Main Street, Clondalkin, Dublin 22' } },
      ],
    } as never);
    const caseId = opened.id;
    const members = opened.body['familyMembers'] as Member[];
    const personOf = (relationship: string) => members.find((m) => m.relationship === relationship)?.id as string;
    const mother = { name: 'Siobhán Murphy', personId: personOf('mother') };
    const father = { name: 'Dónal Murphy', personId: personOf('father') };
    const roisin = { name: 'Róisín Murphy', personId: opened.body['childPersonId'] as string };
    const lead = { name: 'Aoife Byrne', personId: USERS.lead };
    const nurse = { name: 'Orla Doyle', personId: INVITED_AGENCY_USER };

    // The request, and consent: each parent on their own form, and Róisín, who is 16, on hers.
    await step(caseId, { type: 'RECORD_REQUEST_DETAILS', reasonForRequest: 'Róisín has stopped going to school since her parents separated and says she cannot sleep.' }, USERS.lead, 'request.draft');
    await step(caseId, { type: 'REQUEST_CONSENT' }, USERS.lead, 'request.awaitingConsent');
    const ownForm = { youngPersonConsent: { given: false, reasonNotSought: 'Róisín is 16 and gives her own consent on her own form.' } };
    await step(
      caseId,
      { type: 'RECORD_CONSENT', givenBy: { ...mother, hasParentalResponsibility: true }, scopes: { takePart: true, keepRecords: true, shareWithAgencies: [SCHOOL, NURSING, YOUTH_SERVICE], planCopyTo: [mother.name] }, signedOn: '2026-03-02', ...ownForm },
      USERS.lead,
      'request.awaitingConsent',
    );
    // The father's consent is added beside the mother's: he does not want the youth service told.
    await step(
      caseId,
      { type: 'RECORD_CONSENT', givenBy: { ...father, hasParentalResponsibility: true }, scopes: { takePart: true, keepRecords: true, shareWithAgencies: [SCHOOL, NURSING], doNotShareWith: [YOUTH_SERVICE], planCopyTo: [father.name] }, signedOn: '2026-03-02', ...ownForm },
      USERS.lead,
      'request.awaitingConsent',
    );
    await step(
      caseId,
      { type: 'RECORD_CONSENT', givenBy: { ...roisin, hasParentalResponsibility: false, as: 'youngPerson' }, scopes: { takePart: true, keepRecords: true, shareWithAgencies: [SCHOOL, NURSING], planCopyTo: [roisin.name] }, signedOn: '2026-03-02' },
      USERS.lead,
      'request.awaitingConsent',
    );
    await step(caseId, { type: 'SUBMIT_REQUEST' }, USERS.lead, 'request.submitted');
    on('2026-03-03');
    await step(caseId, { type: 'REGISTER_REQUEST', leadPractitionerId: USERS.lead }, USERS.coordinator, 'assessment.inProgress');

    // A home visit, in the contact log.
    on('2026-03-05', '18:00');
    await step(
      caseId,
      { type: 'RECORD_CONTACT', contactedOn: '2026-03-05T16:30:00Z', method: 'homeVisit', with: [mother, roisin], note: 'Met Siobhán and Róisín at home after school hours; talked about mornings.' },
      USERS.lead,
      'assessment.inProgress',
    );

    // The strengths-and-needs assessment, with Róisín's own words.
    on('2026-03-10');
    await step(
      caseId,
      {
        type: 'RECORD_ASSESSMENT',
        strengths: [{ side: 'howIGrowAndDevelop', description: 'Plays camogie for the parish; a gifted artist.' }],
        needs: [
          { side: 'howIGrowAndDevelop', description: 'Has missed 23 school days since January.', category: 'school attendance' },
          { side: 'whatINeedFromPeopleWhoLookAfterMe', description: 'Mornings fall apart on the days she stays with her father.', category: 'routine' },
        ],
        desiredOutcomes: ['Róisín goes to school every day', 'Róisín sleeps through the night'],
        views: {
          child: { words: "I don't want to be the messenger between Mam and Dad." },
          parents: { words: 'We both want her back in school; we do not agree on much else.' },
          practitioner: 'A capable young woman caught between two homes.',
        },
        ratings: [{ outcome: 'achievingFullPotential', rating: 1, reason: 'Attendance at 61%.' }],
      },
      USERS.lead,
      'assessment.inProgress',
    );
    await step(caseId, { type: 'COMPLETE_ASSESSMENT' }, USERS.lead, 'assessment.completed');
    await step(caseId, { type: 'AGREE_ASSESSMENT', agreedBy: mother }, USERS.lead, 'meeting.proposed');

    // The support meeting, with the public health nurse invited.
    on('2026-03-11');
    await step(
      caseId,
      {
        type: 'INVITE_TO_MEETING',
        scheduledFor: '2026-03-24T10:00:00Z',
        location: 'Family Resource Centre, Main Street, meeting room 2',
        chair: lead,
        minuteTaker: { name: 'Ciarán Walsh' },
        invitees: [
          { ...mother, approvedByFamily: true },
          { ...father, approvedByFamily: true },
          { ...roisin, approvedByFamily: true },
          { name: 'Niamh Kelly', agency: SCHOOL, approvedByFamily: true },
          { ...nurse, agency: NURSING, approvedByFamily: true },
        ],
      },
      USERS.lead,
      'meeting.invited',
    );
    expect((await get(h, `/cases/${caseId}`, INVITED_AGENCY_USER)).status).toBe(200);
    on('2026-03-24');
    await step(caseId, { type: 'HOLD_MEETING', heldOn: '2026-03-24', attendance: [mother, father, roisin, lead, nurse, { name: 'Niamh Kelly' }], apologies: [] }, USERS.lead, 'meeting.held');
    on('2026-03-25');
    await step(
      caseId,
      { type: 'DISTRIBUTE_MINUTES', minutes: 'Present: Siobhán, Dónal, Róisín, Aoife Byrne, Orla Doyle, Niamh Kelly. Agreed one morning routine in both homes.', distributedTo: [mother, father, roisin, nurse, { name: 'Niamh Kelly' }] },
      USERS.lead,
      'actionPlan.drafting',
    );

    // The plan: actions the school, the father and Róisín herself own.
    on('2026-03-26');
    await step(
      caseId,
      {
        type: 'DRAFT_PLAN',
        actions: [
          { id: 'school', answers: 'Róisín goes to school every day', what: 'A check-in with the year head each morning for four weeks.', owner: { name: 'Niamh Kelly', agency: SCHOOL }, dueDate: '2026-04-30', status: 'notStarted' },
          { id: 'dad', answers: 'Róisín goes to school every day', what: 'Drive Róisín to school on the mornings she stays with him.', owner: father, dueDate: '2026-05-29', status: 'notStarted' },
          { id: 'sleep', answers: 'Róisín sleeps through the night', what: 'Phone off and downstairs by 11.', owner: roisin, dueDate: '2026-05-29', status: 'notStarted' },
        ],
        childViews: { words: 'I will try the phone thing if Dad does the lifts.' },
      },
      USERS.lead,
      'actionPlan.drafting',
    );
    await step(caseId, { type: 'SUBMIT_PLAN_FOR_SIGN_OFF' }, USERS.lead, 'actionPlan.awaitingFamilySignOff');
    on('2026-03-27');
    const sign = (person: { name: string; personId: string }, as: 'parentCarer' | 'youngPerson') => ({ type: 'SIGN_OFF_PLAN', planVersion: 1, signedBy: { ...person, as }, method: 'inPerson' });
    await step(caseId, sign(mother, 'parentCarer'), USERS.lead, 'actionPlan.awaitingFamilySignOff');
    await step(caseId, sign(roisin, 'youngPerson'), USERS.lead, 'actionPlan.awaitingFamilySignOff');
    // Active at the last required signature: the second parent's.
    await step(caseId, sign(father, 'parentCarer'), USERS.lead, 'review.scheduled');
    // The first review 8 weeks after the sign-off (the policy's default): Friday 22 May 2026.
    expect(deadline(await read(caseId), 'reviewOverdue')).toBe('2026-05-22');
    await step(caseId, { type: 'REPORT_ACTION_PROGRESS', actionId: 'dad', status: 'inProgress', progress: 'Two lifts so far.' }, USERS.lead, 'review.scheduled');

    // Children First: the nurse, a mandated person, reports directly and jointly with the lead.
    on('2026-04-08');
    await step(
      caseId,
      { type: 'RAISE_CONCERN', category: 'emotionalAbuse', mandatedReport: true, observed: 'Róisín told the nurse she is kept up at night by shouting between her father and his partner.', immediateSafety: { childSafeNow: true, actionTaken: 'Róisín stays with her mother this week.' } },
      INVITED_AGENCY_USER,
      'escalation.raised',
    );
    await step(
      caseId,
      { type: 'SUBMIT_REPORT', statutoryService: 'Tusla Social Work, Dublin South Central', method: 'portal', statutoryReference: 'TUS-2026-007731', jointReport: true, jointReporter: lead, parentsInformed: true },
      INVITED_AGENCY_USER,
      'escalation.reported.inWriting',
    );
    on('2026-04-10');
    await step(caseId, { type: 'ACKNOWLEDGE_REPORT', reference: 'TUS-2026-007731' }, USERS.dlp, 'escalation.acknowledged');
    on('2026-04-20');
    await step(caseId, { type: 'RECORD_CONCERN_OUTCOME', outcome: 'returnToEarlyIntervention', notes: 'Tusla screened the report; support continues through the Meitheal.' }, USERS.dlp, 'review.scheduled');

    // The first review meeting sets the day of the next review.
    on('2026-05-11');
    await step(caseId, { type: 'HOLD_REVIEW', heldOn: '2026-05-11', attendance: [mother, father, roisin, lead, { name: 'Niamh Kelly' }], apologies: [nurse], chair: lead }, USERS.lead, 'review.held');
    on('2026-05-12');
    await step(
      caseId,
      {
        type: 'RECORD_REVIEW',
        progress: [
          { actionId: 'school', status: 'done', note: 'Attendance at 88% since Easter.' },
          { actionId: 'dad', status: 'inProgress', note: 'Most mornings.' },
          { actionId: 'sleep', status: 'inProgress', note: 'Most nights.' },
        ],
        ratings: [{ outcome: 'achievingFullPotential', rating: 2, reason: 'Attendance at 88%.' }],
        familyViews: { words: 'Mornings are calmer in both houses.' },
        childViews: { words: 'School is OK again.' },
        minutes: 'Present: Siobhán, Dónal, Róisín, Aoife Byrne, Niamh Kelly; apologies: Orla Doyle. The morning check-ins end; the lifts and the phone rule continue.',
        nextReviewOn: '2026-06-15',
      },
      USERS.lead,
      'review.recorded',
    );
    await step(caseId, { type: 'CONTINUE_PLAN' }, USERS.lead, 'review.scheduled');
    expect(deadline(await read(caseId), 'reviewOverdue')).toBe('2026-06-15');

    // The second review proposes closure; the closing meeting holds the final word.
    on('2026-06-15');
    await step(caseId, { type: 'HOLD_REVIEW', heldOn: '2026-06-15', attendance: [mother, father, roisin, lead], apologies: [], chair: lead }, USERS.lead, 'review.held');
    await step(
      caseId,
      {
        type: 'RECORD_REVIEW',
        progress: [
          { actionId: 'dad', status: 'done', note: 'Every morning.' },
          { actionId: 'sleep', status: 'done', note: 'Sleeping through.' },
        ],
        ratings: [{ outcome: 'achievingFullPotential', rating: 3, reason: 'Attendance at 97%.' }],
        familyViews: { words: 'We can take it from here.' },
        childViews: { words: 'Can we stop having meetings about me now?' },
        minutes: 'Present: Siobhán, Dónal, Róisín, Aoife Byrne. Every outcome met; the family proposed to close.',
      },
      USERS.lead,
      'review.recorded',
    );
    await step(caseId, { type: 'PROPOSE_CLOSURE', reason: 'needsMet' }, USERS.lead, 'closure.proposed');
    on('2026-06-22');
    await step(caseId, { type: 'HOLD_CLOSING_MEETING', heldOn: '2026-06-22', attendance: [mother, father, roisin, lead], apologies: [{ name: 'Niamh Kelly' }], chair: lead }, USERS.lead, 'closure.meetingHeld');
    await step(
      caseId,
      {
        type: 'RECORD_CLOSURE_FEEDBACK',
        familyFeedback: { words: 'Sitting at one table with the school made us talk to each other again.' },
        childFeedback: { words: 'Nobody asked me to carry messages any more.' },
        finalRatings: [
          { outcome: 'achievingFullPotential', rating: 3, reason: 'Attendance at 97% for the term.' },
          { outcome: 'activeAndHealthy', rating: 3, reason: 'Sleeping well; back at camogie.' },
        ],
        onwardReferrals: [YOUTH_SERVICE],
        minutes: 'Present: Siobhán, Dónal, Róisín, Aoife Byrne; apologies: Niamh Kelly. The family agreed the Meitheal has done its work.',
      },
      USERS.lead,
      'closure.feedbackCollected',
    );
    await step(caseId, { type: 'CLOSE_CASE' }, USERS.lead, 'closed');

    // What the record holds at the end, as the lead reads it.
    const closed = await read(caseId);
    expect(closed).toMatchObject({ status: 'closed', closureReason: 'needsMet', preRequestChecklistId: checklist.body.id });
    const record = closed.record;
    expect(record.consents.map((c: { givenBy: { name: string }; scopes: { doNotShareWith?: string[] } }) => [c.givenBy.name, c.scopes.doNotShareWith ?? []])).toEqual([
      ['Siobhán Murphy', []],
      ['Dónal Murphy', [YOUTH_SERVICE]],
      ['Róisín Murphy', []],
    ]);
    expect(record.plan).toMatchObject({ status: 'active', version: 1 });
    expect(record.plan.signOffs.map((s: { signedBy: { name: string; as: string } }) => [s.signedBy.name, s.signedBy.as])).toEqual([
      ['Siobhán Murphy', 'parentCarer'],
      ['Róisín Murphy', 'youngPerson'],
      ['Dónal Murphy', 'parentCarer'],
    ]);
    expect(record.plan.actions.map((a: { id: string; owner: { name: string; agency?: string } }) => [a.id, a.owner.name, a.owner.agency ?? null])).toEqual([
      ['school', 'Niamh Kelly', SCHOOL],
      ['dad', 'Dónal Murphy', null],
      ['sleep', 'Róisín Murphy', null],
    ]);
    expect(record.concerns[0]).toMatchObject({
      status: 'closed',
      liaison: null,
      reports: [{ statutoryReference: 'TUS-2026-007731', jointReport: true, jointReporter: lead, reporter: { id: INVITED_AGENCY_USER, role: 'agencyPractitioner' } }],
      outcome: { outcome: 'returnToEarlyIntervention' },
    });
    // Each review is in the case's history (and its stored review record); the snapshot keeps the last two cycles.
    const trail = (await get(h, `/cases/${caseId}/history`, USERS.lead)).body.events as { eventType: string; data: { heldOn?: string; nextReviewOn?: string; chair?: unknown; apologies?: unknown } }[];
    expect(trail.filter((e) => e.eventType === 'HOLD_REVIEW').map((e) => e.data.heldOn)).toEqual(['2026-05-11', '2026-06-15']);
    expect(trail.filter((e) => e.eventType === 'RECORD_REVIEW').map((e) => e.data.nextReviewOn ?? null)).toEqual(['2026-06-15', null]);
    expect(trail.find((e) => e.eventType === 'HOLD_REVIEW')?.data).toMatchObject({ chair: lead, apologies: [nurse] });
    expect([record.review.previous.heldOn, record.review.current.heldOn, record.review.recorded]).toEqual(['2026-05-11', '2026-06-15', 2]);
    expect(record.closure).toMatchObject({
      meeting: { heldOn: '2026-06-22', chair: lead },
      feedback: { childFeedback: { words: 'Nobody asked me to carry messages any more.' }, finalRatings: [expect.objectContaining({ outcome: 'achievingFullPotential', rating: 3 }), expect.objectContaining({ outcome: 'activeAndHealthy', rating: 3 })] },
    });

    // Access ends with the case for the invited nurse; the lead and the coordinator keep it.
    expect((await get(h, `/cases/${caseId}`, INVITED_AGENCY_USER)).status).toBe(404);
    expect((await get(h, `/cases/${caseId}`, USERS.coordinator)).status).toBe(200);
    const history = (await get(h, `/cases/${caseId}/history`, USERS.lead)).body.events as { eventType: string; actor: { id: string } }[];
    expect(history.filter((e) => e.eventType === 'RAISE_CONCERN' || e.eventType === 'SUBMIT_REPORT').map((e) => e.actor.id)).toEqual([INVITED_AGENCY_USER, INVITED_AGENCY_USER]);
    expect(history.at(-1)).toMatchObject({ eventType: 'CLOSE_CASE', actor: { id: USERS.lead } });
  });
});
