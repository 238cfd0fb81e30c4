/**
 * A family with two parents who consent separately, and a young person of 16 who consents and
 * signs for herself (issue "What practitioners really record", points 2 and 5): the second parent
 * narrows what may be shared and the invited agency loses the case; one parent withdraws and the
 * coordinator decides; an action the family owns; a plan signed by both parents and the young
 * person, active only at the last required signature; a plan the family asked to change is
 * redrafted before it is sent again; and a case recorded before consent was per person continues.
 */
import type { CaseEvent } from '@tacu/domain';
import { ParticipantStore } from '@tacu/persistence';
import { INVITED_AGENCY_USER, journeyTo, sampleEvent } from './support/api';
import { drive, get, openCase, send, startHarness, USERS, type Harness } from './support/harness';

type Member = { id: string; name: string; relationship: string; hasParentalResponsibility: boolean };

const SCHOOL = 'Scoil Bhríde National School';
const NURSING = 'Public Health Nursing';

describe('consent per person, and sign-off by every person whose consent the case rests on', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  /** A family of two parents with parental responsibility and a child born on `dateOfBirth`. */
  async function openFamily(dateOfBirth = '2018-09-21') {
    const opened = await openCase(h, USERS.lead, {
      child: { name: 'Róisín Murphy', dateOfBirth },
      familyMembers: [
        { name: 'Siobhán Murphy', relationship: 'mother', hasParentalResponsibility: true },
        { name: 'Dónal Murphy', relationship: 'father', hasParentalResponsibility: true },
      ],
    });
    const members = opened.body['familyMembers'] as Member[];
    const id = (relationship: string) => members.find((m) => m.relationship === relationship)?.id as string;
    return { caseId: opened.id, mother: id('mother'), father: id('father'), child: opened.body['childPersonId'] as string };
  }

  const consent = (name: string, personId: string, shareWithAgencies: string[], extra: Record<string, unknown> = {}) => ({
    ...sampleEvent('RECORD_CONSENT'),
    givenBy: { name, personId, hasParentalResponsibility: true },
    scopes: { takePart: true, keepRecords: true, shareWithAgencies },
    ...extra,
  });

  async function ok(caseId: string, event: CaseEvent | Record<string, unknown>, as: string, state: string) {
    const res = await send(h, caseId, event, as);
    expect({ type: event.type, status: res.status, state: res.body.state, detail: res.body.detail }).toEqual({ type: event.type, status: 200, state, detail: undefined });
    return res;
  }

  /** From the request to the meeting the family's consents allow, with the nurse invited. */
  async function toMeetingInvited(caseId: string) {
    const steps = journeyTo('meeting.invited', USERS.lead).filter((s) => !['RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT', 'RECORD_CONSENT'].includes(s.event.type));
    await drive(h, caseId, steps);
  }

  it('the second parent narrows sharing and the agency loses the case; one parent withdraws and the coordinator decides', async () => {
    const { caseId, mother, father } = await openFamily();
    await drive(h, caseId, journeyTo('request.awaitingConsent', USERS.lead));
    await ok(caseId, consent('Siobhán Murphy', mother, [SCHOOL, NURSING]), USERS.lead, 'request.awaitingConsent');
    await ok(caseId, consent('Dónal Murphy', father, [SCHOOL, NURSING]), USERS.lead, 'request.awaitingConsent');
    await toMeetingInvited(caseId);
    expect((await get(h, `/cases/${caseId}`, INVITED_AGENCY_USER)).status).toBe(200);

    // An agency in both lists is bad input.
    const contradictory = await send(h, caseId, consent('Dónal Murphy', father, [SCHOOL, NURSING], { scopes: { takePart: true, keepRecords: true, shareWithAgencies: [SCHOOL, NURSING], doNotShareWith: [NURSING] } }), USERS.lead);
    expect(contradictory.status).toBe(400);
    expect(contradictory.body.errors).toEqual([{ field: 'scopes.doNotShareWith', problems: [expect.stringMatching(/names Public Health Nursing, also named in shareWithAgencies or planCopyTo/)] }]);

    // The father asks that nothing is shared with the nurses: his consent beside the mother's, not instead of it.
    await ok(caseId, consent('Dónal Murphy', father, [SCHOOL], { scopes: { takePart: true, keepRecords: true, shareWithAgencies: [SCHOOL], doNotShareWith: [NURSING] } }), USERS.lead, 'meeting.invited');
    expect((await get(h, `/cases/${caseId}`, INVITED_AGENCY_USER)).status).toBe(404);
    expect(await new ParticipantStore(h.dataSource.manager).list(caseId)).not.toContainEqual({ userId: INVITED_AGENCY_USER, kind: 'invitee' });
    const record = (await get(h, `/cases/${caseId}`, USERS.lead)).body.record;
    expect(record.consents.map((c: { givenBy: { name: string }; history: unknown[] }) => [c.givenBy.name, c.history.length])).toEqual([
      ['Siobhán Murphy', 0],
      ['Dónal Murphy', 1],
    ]);

    // The mother withdraws: processing stops, the coordinator decides.
    const withdrawn = await ok(caseId, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Siobhán Murphy', personId: mother }, reason: 'Not now.' }, USERS.lead, 'consentWithdrawal');
    expect(withdrawn.body).toMatchObject({ status: 'onHold', stage: 'meeting' });
    expect(withdrawn.body.allowedEvents).not.toContain('HOLD_MEETING');
    const held = await send(h, caseId, sampleEvent('HOLD_MEETING'), USERS.lead);
    expect(held.status).toBe(409);
    const byLead = await send(h, caseId, { type: 'DECIDE_ON_WITHDRAWAL', decision: 'continueWithRemainingConsent', reason: 'x' }, USERS.lead);
    expect(byLead.status).toBe(403);
    expect(byLead.body.permittedRoles).toEqual(['coordinator']);
    const coordinatorSees = await get(h, `/cases/${caseId}`, USERS.coordinator);
    expect(coordinatorSees.body.allowedEvents).toContain('DECIDE_ON_WITHDRAWAL');
    const told = await h.dataSource.query(`SELECT payload FROM outbox WHERE case_id = $1 AND kind = 'notify' ORDER BY id DESC LIMIT 5`, [caseId]);
    expect(told.map((r: { payload: { to: string; about: string } }) => r.payload)).toContainEqual(expect.objectContaining({ to: 'coordinator', about: 'WITHDRAW_CONSENT' }));

    // The coordinator continues with the father's consent: back where it was, on what it allows.
    const resumed = await ok(caseId, { type: 'DECIDE_ON_WITHDRAWAL', decision: 'continueWithRemainingConsent', reason: "Dónal's consent covers the school, which is what the plan needs." }, USERS.coordinator, 'meeting.invited');
    expect(resumed.body.status).toBe('active');
    expect((await get(h, `/cases/${caseId}`, INVITED_AGENCY_USER)).status).toBe(404);
    const after = (await get(h, `/cases/${caseId}`, USERS.lead)).body.record.consents[0];
    expect(after.withdrawn).toMatchObject({ by: { personId: mother }, reason: 'Not now.', decision: { decision: 'continueWithRemainingConsent' } });
  });

  it('the coordinator closes the case after a withdrawal; the last consent withdrawn closes it at once', async () => {
    const { caseId, mother, father } = await openFamily();
    await drive(h, caseId, journeyTo('request.awaitingConsent', USERS.lead));
    await ok(caseId, consent('Siobhán Murphy', mother, [SCHOOL, NURSING]), USERS.lead, 'request.awaitingConsent');
    await ok(caseId, consent('Dónal Murphy', father, [SCHOOL, NURSING]), USERS.lead, 'request.awaitingConsent');
    const stopped = await ok(caseId, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Dónal Murphy', personId: father } }, USERS.lead, 'consentWithdrawal');
    expect(stopped.body).toMatchObject({ stage: 'request', status: 'onHold' });
    const closed = await ok(caseId, { type: 'DECIDE_ON_WITHDRAWAL', decision: 'closeCase', reason: 'The parents do not agree on taking part.' }, USERS.coordinator, 'closed');
    expect(closed.body.allowedEvents).toEqual([]);
    expect((await get(h, `/cases/${caseId}`, USERS.lead)).body).toMatchObject({ closureReason: 'consentWithdrawn', status: 'closed' });
  });

  it('a family-owned action, and a plan signed by both parents and the young person, active only at the last signature', async () => {
    // Róisín is 16 on the e2e clock's day (2 March 2026): her own consent and her signature are required.
    const { caseId, mother, father, child } = await openFamily('2009-06-01');
    await drive(h, caseId, journeyTo('request.awaitingConsent', USERS.lead));
    const separately = { youngPersonConsent: { given: false, reasonNotSought: 'Róisín gives her own consent on her own form.' } };
    await ok(caseId, consent('Siobhán Murphy', mother, [SCHOOL, NURSING], separately), USERS.lead, 'request.awaitingConsent');
    await ok(caseId, consent('Dónal Murphy', father, [SCHOOL, NURSING], separately), USERS.lead, 'request.awaitingConsent');
    const notYet = await send(h, caseId, sampleEvent('SUBMIT_REQUEST'), USERS.lead);
    expect(notYet.status).toBe(422);
    expect(notYet.body.reasons).toEqual([expect.stringMatching(/young person is of an age to give their own consent/)]);
    const own = { type: 'RECORD_CONSENT', givenBy: { name: 'Róisín Murphy', personId: child, hasParentalResponsibility: false, as: 'youngPerson' }, scopes: { takePart: true, keepRecords: true, shareWithAgencies: [SCHOOL, NURSING], planCopyTo: ['Róisín Murphy'] }, signedOn: '2026-03-02' };
    const asSomeoneElse = await send(h, caseId, { ...own, givenBy: { ...own.givenBy, personId: mother } }, USERS.lead);
    expect(asSomeoneElse.status).toBe(400);
    expect(asSomeoneElse.body.errors).toEqual([{ field: 'givenBy', problems: [expect.stringMatching(/names someone other than the child of this case/)] }]);
    const withParentsField = await send(h, caseId, { ...own, youngPersonConsent: { given: true } }, USERS.lead);
    expect(withParentsField.body.errors).toEqual([{ field: 'youngPersonConsent', problems: [expect.stringMatching(/left out of the young person's own consent/)] }]);
    await ok(caseId, own, USERS.lead, 'request.awaitingConsent');
    await ok(caseId, sampleEvent('SUBMIT_REQUEST'), USERS.lead, 'request.submitted');
    const toPlan = journeyTo('actionPlan.drafting', USERS.lead).slice(journeyTo('request.submitted', USERS.lead).length);
    await drive(h, caseId, toPlan);

    const plan = sampleEvent('DRAFT_PLAN');
    plan.actions.push({ id: 'f1', answers: 'Mornings are calmer', what: 'Róisín’s alarm and breakfast before 8', owner: { name: 'Siobhán Murphy', personId: mother }, dueDate: '2026-04-30', status: 'notStarted' });
    await ok(caseId, plan, USERS.lead, 'actionPlan.drafting');
    await ok(caseId, sampleEvent('SUBMIT_PLAN_FOR_SIGN_OFF'), USERS.lead, 'actionPlan.awaitingFamilySignOff');

    // The family asks for changes: the same version cannot simply be sent again.
    await ok(caseId, sampleEvent('REQUEST_PLAN_CHANGES'), USERS.lead, 'actionPlan.drafting');
    const unchanged = await send(h, caseId, sampleEvent('SUBMIT_PLAN_FOR_SIGN_OFF'), USERS.lead);
    expect(unchanged.status).toBe(422);
    expect(unchanged.body.reasons).toEqual([expect.stringMatching(/asked for changes to version 1 .*draft the changes as a new version \(DRAFT_PLAN\)/)]);
    await ok(caseId, plan, USERS.lead, 'actionPlan.drafting');
    await ok(caseId, sampleEvent('SUBMIT_PLAN_FOR_SIGN_OFF'), USERS.lead, 'actionPlan.awaitingFamilySignOff');

    const sign = (name: string, personId: string, as: 'parentCarer' | 'youngPerson', planVersion = 2) => ({ type: 'SIGN_OFF_PLAN', planVersion, signedBy: { name, personId, as }, method: 'inPerson' });
    const old = await send(h, caseId, sign('Siobhán Murphy', mother, 'parentCarer', 1), USERS.lead);
    expect(old.status).toBe(422);
    await ok(caseId, sign('Siobhán Murphy', mother, 'parentCarer'), USERS.lead, 'actionPlan.awaitingFamilySignOff');
    const twice = await send(h, caseId, sign('Siobhán Murphy', mother, 'parentCarer'), USERS.lead);
    expect(twice.status).toBe(422);
    expect(twice.body.reasons).toEqual([expect.stringMatching(/^Siobhán Murphy already signed version 2 .*the plan is waiting for Dónal Murphy and Róisín Murphy/)]);
    await ok(caseId, sign('Róisín Murphy', child, 'youngPerson'), USERS.lead, 'actionPlan.awaitingFamilySignOff');
    const waiting = await get(h, `/cases/${caseId}`, USERS.lead);
    expect(waiting.body.record.plan.status).toBe('awaitingFamilySignOff');
    await ok(caseId, sign('Dónal Murphy', father, 'parentCarer'), USERS.lead, 'review.scheduled');
    const active = (await get(h, `/cases/${caseId}`, USERS.lead)).body.record.plan;
    expect(active.status).toBe('active');
    expect(active.signOffs.filter((s: { planVersion: number }) => s.planVersion === 2).map((s: { signedBy: { name: string } }) => s.signedBy.name)).toEqual(['Siobhán Murphy', 'Róisín Murphy', 'Dónal Murphy']);

    // The family's action: the lead reports on it, the invited nurse does not; the mother is no practitioner of the case.
    const byNurse = await send(h, caseId, { type: 'REPORT_ACTION_PROGRESS', actionId: 'f1', status: 'inProgress', progress: 'Most mornings.' }, INVITED_AGENCY_USER);
    expect(byNurse.status).toBe(403);
    expect(byNurse.body.detail).toBe('You may report progress only on the actions you own (none in this plan): action f1 is owned by Siobhán Murphy.');
    await ok(caseId, { type: 'REPORT_ACTION_PROGRESS', actionId: 'f1', status: 'inProgress', progress: 'Most mornings.' }, USERS.lead, 'review.scheduled');
    expect(await new ParticipantStore(h.dataSource.manager).list(caseId)).not.toContainEqual(expect.objectContaining({ userId: mother }));
  });

  it('a case recorded before consent was per person continues after the change', async () => {
    const { id } = await openCase(h, USERS.lead);
    await drive(h, id, journeyTo('meeting.invited', USERS.lead));
    // The snapshot as the earlier release wrote it: one `consent` record.
    const { type: _type, ...legacy } = sampleEvent('RECORD_CONSENT');
    await h.dataSource.query(
      `UPDATE cases SET snapshot = jsonb_set(snapshot #- '{context,consents}' #- '{context,consentHold}' #- '{context,youngPersonOfAge}', '{context,consent}', $2::jsonb) WHERE id = $1`,
      [id, JSON.stringify(legacy)],
    );
    expect((await get(h, `/cases/${id}`, INVITED_AGENCY_USER)).status).toBe(200);
    const record = (await get(h, `/cases/${id}`, USERS.lead)).body.record;
    expect(record).not.toHaveProperty('consent');
    expect(record.consents).toEqual([expect.objectContaining({ givenBy: legacy.givenBy, given: true, withdrawn: null })]);
    await ok(id, sampleEvent('HOLD_MEETING'), USERS.lead, 'meeting.held');
    // The same mother narrows her consent: the nurse loses the case, as before the change.
    const narrower = sampleEvent('RECORD_CONSENT');
    narrower.scopes.shareWithAgencies = [SCHOOL];
    await ok(id, narrower, USERS.lead, 'meeting.held');
    expect((await get(h, `/cases/${id}`, INVITED_AGENCY_USER)).status).toBe(404);
    expect((await get(h, `/cases/${id}`, USERS.lead)).body.record.consents).toHaveLength(1);
    await ok(id, sampleEvent('WITHDRAW_CONSENT'), USERS.lead, 'closed');
  });
});
