/**
 * A family member's own act (a consent given or withdrawn, a plan signed, the assessment agreed)
 * is recorded only as the act of a member of the case's family, under the family record's name
 * and parental responsibility (domain.md "Request for support", "Action plan": consent and
 * sign-off are each person's own). A new user's report: consent "from anyone", and a sign-off under
 * "Someone Else Entirely", were accepted and printed in the documents.
 */
import type { CaseEvent } from '@tacu/domain';
import { journeyTo, sampleEvent } from './support/api';
import { drive, get, openCase, send, startHarness, USERS, type Harness } from './support/harness';

type Member = { id: string; name: string; relationship: string };

describe("a family member's act is a member of the family's, under the family record's name", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  async function openFamily() {
    const opened = await openCase(h, USERS.lead, {
      child: { name: 'Éabha Ní Bhriain', dateOfBirth: '2018-09-21' },
      familyMembers: [
        { name: 'Máire Ó Briain', relationship: 'mother', hasParentalResponsibility: true },
        { name: 'Dónal Ó Briain', relationship: 'father', hasParentalResponsibility: true },
        { name: 'Nóra Ní Bhriain', relationship: 'grandparent', hasParentalResponsibility: false },
      ],
    });
    const members = opened.body['familyMembers'] as Member[];
    const id = (relationship: string) => members.find((m) => m.relationship === relationship)?.id as string;
    return { caseId: opened.id, mother: id('mother'), father: id('father'), granny: id('grandparent'), child: opened.body['childPersonId'] as string };
  }

  const consent = (givenBy: Record<string, unknown>): Record<string, unknown> => ({ ...sampleEvent('RECORD_CONSENT'), givenBy });

  async function refused(caseId: string, event: CaseEvent | Record<string, unknown>, field: string, problem: string) {
    const res = await send(h, caseId, event, USERS.lead);
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 400, errors: [{ field, problems: [problem] }] });
  }

  it("refuses a consent under another name, or from someone outside the family; records the family record's name", async () => {
    const { caseId, mother, father, granny } = await openFamily();
    await drive(h, caseId, journeyTo('request.awaitingConsent', USERS.lead));
    await refused(
      caseId,
      consent({ name: 'Totally Different Person', personId: father, hasParentalResponsibility: true }),
      'givenBy',
      `givenBy names family member ${father} as 'Totally Different Person', but the family record's name for ${father} is 'Dónal Ó Briain': give the member's name as the family record has it (or check the personId; correct the family record first if the name there is wrong)`,
    );
    await refused(
      caseId,
      consent({ name: 'Not In Family', hasParentalResponsibility: true }),
      'givenBy.personId',
      "givenBy names 'Not In Family', who is not a member of this family: only a member of the case's family gives the consent. Give their personId (the members of GET /cases/{id}), or add them to the family first",
    );
    await refused(
      caseId,
      consent({ name: 'Nóra Ní Bhriain', personId: granny, hasParentalResponsibility: true }),
      'givenBy',
      'givenBy says Nóra Ní Bhriain has parental responsibility, but the family record says they have not: give hasParentalResponsibility false, or correct the family record first if they have it',
    );
    await refused(
      caseId,
      consent({ name: 'Dónal Ó Briain', personId: USERS.lead, hasParentalResponsibility: true }),
      'givenBy',
      'givenBy names nobody of this family: consent is given by a parent/carer of the family (their personId from the case)',
    );
    // Nothing was recorded, and the request cannot be submitted on it.
    expect((await get(h, `/cases/${caseId}`, USERS.lead)).body.record.consents).toEqual([]);
    expect((await send(h, caseId, sampleEvent('SUBMIT_REQUEST'), USERS.lead)).status).toBe(422);

    // Typed without fadas and by name alone: the mother of the family record, under her own name.
    expect((await send(h, caseId, consent({ name: 'maire o briain', hasParentalResponsibility: true }), USERS.lead)).status).toBe(200);
    // By id, with the name in decomposed form: the same father, recorded in the family record's spelling.
    expect((await send(h, caseId, consent({ name: 'Do\u0301nal Ó Briain', personId: father, hasParentalResponsibility: true }), USERS.lead)).status).toBe(200);
    const record = (await get(h, `/cases/${caseId}`, USERS.lead)).body.record;
    expect(record.consents.map((c: { givenBy: unknown }) => c.givenBy)).toEqual([
      { name: 'Máire Ó Briain', personId: mother, hasParentalResponsibility: true },
      { name: 'Dónal Ó Briain', personId: father, hasParentalResponsibility: true },
    ]);
    expect((await send(h, caseId, sampleEvent('SUBMIT_REQUEST'), USERS.lead)).body.state).toBe('request.submitted');
    const documents = await get(h, `/cases/${caseId}/documents`, USERS.lead);
    const request = (documents.body.items as Array<{ kind: string; audience: string; locale: string; id: string }>).find((d) => d.kind === 'requestForSupport' && d.audience === 'professional' && d.locale === 'en');
    const html = (await get(h, `/documents/${request?.id}`, USERS.lead)).text;
    expect(html).toContain('Máire Ó Briain');
    expect(html).not.toContain('maire o briain');
    expect(html).not.toContain('Totally Different Person');
    expect(html).not.toContain('Not In Family');
  });

  it("refuses a sign-off, a withdrawal and an agreement under another name or by someone outside the family", async () => {
    const { caseId, mother } = await openFamily();
    const steps = journeyTo('actionPlan.awaitingFamilySignOff', USERS.lead).map((step) =>
      step.event.type === 'RECORD_CONSENT' ? { ...step, event: { ...step.event, givenBy: { name: 'Máire Ó Briain', personId: mother, hasParentalResponsibility: true } } as CaseEvent } : step,
    );
    const agreeAt = steps.findIndex((s) => s.event.type === 'AGREE_ASSESSMENT');
    await drive(h, caseId, steps.slice(0, agreeAt));
    await refused(caseId, { type: 'AGREE_ASSESSMENT', agreedBy: { name: 'Aoife Byrne', personId: USERS.lead } }, 'agreedBy', 'agreedBy names nobody of this family: the assessment is agreed by a member of the family (their personId from the case)');
    await refused(
      caseId,
      { type: 'AGREE_ASSESSMENT', agreedBy: { name: 'Siobhán Murphy' } },
      'agreedBy.personId',
      "agreedBy names 'Siobhán Murphy', who is not a member of this family: only a member of the case's family agreed the assessment. Give their personId (the members of GET /cases/{id}), or add them to the family first",
    );
    expect((await send(h, caseId, { type: 'AGREE_ASSESSMENT', agreedBy: { name: 'Máire Ó Briain', personId: mother } }, USERS.lead)).status).toBe(200);
    await drive(h, caseId, steps.slice(agreeAt + 1));

    await refused(
      caseId,
      { type: 'SIGN_OFF_PLAN', planVersion: 1, signedBy: { name: 'Someone Else Entirely', personId: mother, as: 'parentCarer' }, method: 'portal' },
      'signedBy',
      `signedBy names family member ${mother} as 'Someone Else Entirely', but the family record's name for ${mother} is 'Máire Ó Briain': give the member's name as the family record has it (or check the personId; correct the family record first if the name there is wrong)`,
    );
    // By name alone, someone who gave no consent here: the plan's own rule refuses them first (422), whose consent it waits for.
    const stranger = await send(h, caseId, { type: 'SIGN_OFF_PLAN', planVersion: 1, signedBy: { name: 'Siobhán Murphy', as: 'parentCarer' }, method: 'portal' }, USERS.lead);
    expect({ status: stranger.status, detail: stranger.body.detail }).toEqual({ status: 422, detail: expect.stringMatching(/^Siobhán Murphy cannot sign the plan: only a parent\/carer with parental responsibility whose consent is recorded \(Máire Ó Briain\)/) });
    await refused(
      caseId,
      { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Aoife Byrne', personId: USERS.lead } },
      'withdrawnBy',
      'withdrawnBy names nobody of this family: consent is withdrawn by the family member who gave it (their personId from the case)',
    );
    await refused(
      caseId,
      { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Not In Family' } },
      'withdrawnBy.personId',
      "withdrawnBy names 'Not In Family', who is not a member of this family: only a member of the case's family withdraws their consent. Give their personId (the members of GET /cases/{id}), or add them to the family first",
    );
    const signed = await send(h, caseId, { type: 'SIGN_OFF_PLAN', planVersion: 1, signedBy: { name: 'MÁIRE Ó BRIAIN', personId: mother, as: 'parentCarer' }, method: 'portal' }, USERS.lead);
    expect(signed.body.state).toBe('review.scheduled');
    const plan = (await get(h, `/cases/${caseId}`, USERS.lead)).body.record.plan;
    expect(plan.signOffs.map((s: { signedBy: unknown }) => s.signedBy)).toEqual([{ name: 'Máire Ó Briain', personId: mother, as: 'parentCarer' }]);
  });

  it('refuses a family member named by id under another name wherever an event names them (an invitee, a contact)', async () => {
    const { caseId, mother } = await openFamily();
    await refused(
      caseId,
      { ...sampleEvent('RECORD_CONTACT'), with: [{ name: 'Someone Else', personId: mother }] },
      'with.0',
      `with.0 names family member ${mother} as 'Someone Else', but the family record's name for ${mother} is 'Máire Ó Briain': give the member's name as the family record has it (or check the personId; correct the family record first if the name there is wrong)`,
    );
    expect((await send(h, caseId, { ...sampleEvent('RECORD_CONTACT'), with: [{ name: 'Maire O Briain', personId: mother }] }, USERS.lead)).status).toBe(200);
    const history = await get(h, `/cases/${caseId}/history`, USERS.lead);
    const contact = (history.body.events as Array<{ eventType: string; data: { with: unknown } }>).find((e) => e.eventType === 'RECORD_CONTACT');
    expect(contact?.data.with).toEqual([{ name: 'Máire Ó Briain', personId: mother }]);
  });
});
