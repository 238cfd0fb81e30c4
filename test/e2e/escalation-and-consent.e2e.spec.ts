/**
 * Escalation to statutory child protection from every stage (the case goes on hold and comes
 * back where it was, or closes on a step-up), and withdrawal of consent (the last consent closes
 * the case; one of two parents' stops processing until the coordinator decides).
 */
import { journeyTo, sampleEvent } from './support/api';
import { drive, get, openCase, send, startHarness, USERS, type Harness } from './support/harness';

// One state per stage (the request both before consent, in its draft, and after it is submitted).
const STAGE_STATES = ['request.draft', 'request.submitted', 'assessment.inProgress', 'meeting.proposed', 'actionPlan.drafting', 'review.scheduled', 'closure.proposed'];

describe('escalation and consent', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  async function caseIn(state: string): Promise<string> {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo(state, USERS.lead));
    return id;
  }

  async function raiseConcern(id: string) {
    const res = await send(h, id, sampleEvent('RAISE_CONCERN'), USERS.lead);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'escalation', state: 'escalation.raised', status: 'onHold' });
    expect(res.body.dueAt).not.toBeNull();
    return res;
  }

  async function reportAndAcknowledge(id: string) {
    for (const [event, as, state] of [
      [sampleEvent('CONSULT_LIAISON'), USERS.dlp, 'escalation.liaisonConsulted'],
      [sampleEvent('SUBMIT_REPORT'), USERS.dlp, 'escalation.reported.inWriting'],
      [sampleEvent('ACKNOWLEDGE_REPORT'), USERS.dlp, 'escalation.acknowledged'],
    ] as const) {
      const res = await send(h, id, event, as);
      expect({ type: event.type, status: res.status, state: res.body.state }).toEqual({ type: event.type, status: 200, state });
    }
  }

  it.each(STAGE_STATES)('from %s: on hold while the liaison person handles it, then back where it was', async (state) => {
    const id = await caseIn(state);
    await raiseConcern(id);
    // The designated liaison person sees the case while the concern is open.
    const seen = await get(h, `/cases/${id}`, USERS.dlp);
    expect(seen.status).toBe(200);
    expect(seen.body.allowedEvents).toEqual(expect.arrayContaining(['CONSULT_LIAISON']));
    await reportAndAcknowledge(id);
    const outcome = await send(h, id, { type: 'RECORD_CONCERN_OUTCOME', outcome: 'returnToEarlyIntervention', notes: 'Screened; family support continues.' }, USERS.dlp);
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ state, status: 'active' });
    const after = await get(h, `/cases/${id}`, USERS.lead);
    expect(after.body).toMatchObject({ state, status: 'active', stage: state.split('.')[0] });
    const history = await get(h, `/cases/${id}/history`, USERS.lead);
    expect(history.body.events.map((e: { eventType: string }) => e.eventType)).toEqual(
      expect.arrayContaining(['RAISE_CONCERN', 'CONSULT_LIAISON', 'SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT', 'RECORD_CONCERN_OUTCOME']),
    );
  });

  it('a step-up to social work closes the case as steppedUpToSocialWork', async () => {
    const id = await caseIn('review.scheduled');
    await raiseConcern(id);
    await reportAndAcknowledge(id);
    const res = await send(h, id, { type: 'RECORD_CONCERN_OUTCOME', outcome: 'steppedUp', notes: 'Allocated to a social worker.' }, USERS.dlp);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'closed', status: 'closed', allowedEvents: [] });
    expect((await get(h, `/cases/${id}`, USERS.lead)).body.closureReason).toBe('steppedUpToSocialWork');
  });

  it('only the designated liaison person decides not to report, and records the acknowledgement and the outcome', async () => {
    const id = await caseIn('assessment.inProgress');
    await raiseConcern(id);
    expect((await send(h, id, sampleEvent('CONSULT_LIAISON'), USERS.lead)).status).toBe(200);
    const decide = await send(h, id, sampleEvent('DECIDE_NOT_TO_REPORT'), USERS.lead);
    expect(decide.status).toBe(403);
    expect(decide.body).toMatchObject({ code: 'ROLE_NOT_PERMITTED', permittedRoles: ['designatedLiaisonPerson'] });
    // The lead, a mandated person, may report (Children First Act 2015, s. 14); what follows is the liaison person's.
    expect((await send(h, id, sampleEvent('SUBMIT_REPORT'), USERS.lead)).body.state).toBe('escalation.reported.inWriting');
    const acknowledge = await send(h, id, sampleEvent('ACKNOWLEDGE_REPORT'), USERS.lead);
    expect(acknowledge.status).toBe(403);
    expect(acknowledge.body).toMatchObject({ code: 'ROLE_NOT_PERMITTED', permittedRoles: ['designatedLiaisonPerson'] });
  });

  it('withdrawing consent closes the case as consentWithdrawn, and nothing more can be sent', async () => {
    const id = await caseIn('meeting.proposed');
    const res = await send(h, id, sampleEvent('WITHDRAW_CONSENT'), USERS.lead);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'closed', status: 'closed', allowedEvents: [] });
    const closed = await get(h, `/cases/${id}`, USERS.lead);
    expect(closed.body).toMatchObject({ closureReason: 'consentWithdrawn', status: 'closed' });
    const after = await send(h, id, sampleEvent('INVITE_TO_MEETING'), USERS.lead);
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ code: 'EVENT_NOT_ALLOWED', allowedEvents: [] });
  });

  it("one of two parents withdrawing never blocks an escalation; when it ends, processing stays stopped until the coordinator decides", async () => {
    const { id, body } = await openCase(h, USERS.lead, { familyMembers: [{ name: 'Siobhán Murphy', relationship: 'mother', hasParentalResponsibility: true }, { name: 'Dónal Murphy', relationship: 'father', hasParentalResponsibility: true }] });
    const fatherId = (body['familyMembers'] as { id: string; relationship: string }[]).find((m) => m.relationship === 'father')?.id;
    await drive(h, id, journeyTo('assessment.inProgress', USERS.lead));
    const his = { ...sampleEvent('RECORD_CONSENT'), givenBy: { name: 'Dónal Murphy', personId: fatherId, hasParentalResponsibility: true } };
    expect((await send(h, id, his, USERS.lead)).status).toBe(200);
    await raiseConcern(id);
    const withdrawn = await send(h, id, sampleEvent('WITHDRAW_CONSENT'), USERS.lead);
    expect(withdrawn.body).toMatchObject({ stage: 'escalation', status: 'onHold' });
    await reportAndAcknowledge(id);
    const outcome = await send(h, id, { type: 'RECORD_CONCERN_OUTCOME', outcome: 'returnToEarlyIntervention', notes: 'Screened out.' }, USERS.dlp);
    expect(outcome.body).toMatchObject({ state: 'consentWithdrawal', stage: 'assessment', status: 'onHold' });
    const decided = await send(h, id, { type: 'DECIDE_ON_WITHDRAWAL', decision: 'continueWithRemainingConsent', reason: "Dónal's consent still covers the assessment." }, USERS.coordinator);
    expect(decided.body).toMatchObject({ state: 'assessment.inProgress', status: 'active' });
  });

  it('withdrawing consent never blocks an open escalation; the case closes when it ends', async () => {
    const id = await caseIn('assessment.inProgress');
    await raiseConcern(id);
    const withdrawn = await send(h, id, sampleEvent('WITHDRAW_CONSENT'), USERS.lead);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ stage: 'escalation', status: 'onHold' });
    await reportAndAcknowledge(id);
    const outcome = await send(h, id, { type: 'RECORD_CONCERN_OUTCOME', outcome: 'returnToEarlyIntervention', notes: 'Screened out.' }, USERS.dlp);
    expect(outcome.body).toMatchObject({ state: 'closed', status: 'closed' });
    expect((await get(h, `/cases/${id}`, USERS.lead)).body.closureReason).toBe('consentWithdrawn');
  });
});
