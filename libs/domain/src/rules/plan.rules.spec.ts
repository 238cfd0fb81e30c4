import type { RecordConsent } from '../events';
import { withConsentRecorded, withConsentWithdrawn, type CaseConsent, type PersonConsent } from './consent.rules';
import {
  documentSigned,
  everyActionHasOwnerAndDueDate,
  notSignedAlready,
  planChangedSinceSignOff,
  planRedraftedSinceChangesRequested,
  planSignedOffAsRequired,
  signatoryHasConsented,
  signaturesStillNeeded,
  signedDocumentIsOfThisVersion,
  signOffNamesCurrentPlanVersion,
  type PlanDocumentSent,
  type SignatureOfPlan,
} from './plan.rules';

const NOW = '2026-11-23T09:00:00.000Z';
const consentOf = (name: string, personId: string, extra: Partial<RecordConsent> = {}): RecordConsent => ({
  type: 'RECORD_CONSENT',
  givenBy: { name, personId, hasParentalResponsibility: true },
  scopes: { takePart: true, keepRecords: true, shareWithAgencies: [] },
  youngPersonConsent: { given: false, reasonNotSought: 'Aged 6.' },
  signedOn: '2026-11-23',
  ...extra,
});
const mother = consentOf('Siobhán', 'mother');
const father = consentOf('Dónal', 'father');
const youngPerson: RecordConsent = { ...consentOf('Seán', 'child'), givenBy: { name: 'Seán', personId: 'child', hasParentalResponsibility: false, as: 'youngPerson' } };
delete (youngPerson as { youngPersonConsent?: unknown }).youngPersonConsent;

const people = (...events: RecordConsent[]): PersonConsent[] => events.reduce<PersonConsent[]>((list, e) => withConsentRecorded(list, e, NOW), []);
const family = (youngPersonOfAge: boolean, ...events: RecordConsent[]): CaseConsent => ({ people: people(...events), youngPersonOfAge });
const signature = (name: string, personId: string, as: 'parentCarer' | 'youngPerson' = 'parentCarer', planVersion = 2): SignatureOfPlan => ({ planVersion, signedBy: { name, personId, as }, at: NOW });

describe('everyActionHasOwnerAndDueDate: an action is owned by a practitioner and their agency, or by a family member', () => {
  const action = { id: 'a1', answers: 'n', what: 'Walk to school', status: 'notStarted' as const, dueDate: '2027-01-01' };
  it('a family member named by their id owns an action without an agency', () => {
    expect(everyActionHasOwnerAndDueDate([{ ...action, owner: { name: 'Siobhán', personId: 'mother' } }]).ok).toBe(true);
  });
  it('a name alone, with neither agency nor id, is no owner', () => {
    const result = everyActionHasOwnerAndDueDate([{ ...action, owner: { name: 'Siobhán' } }]);
    expect(!result.ok && result.reason).toMatch(/"Walk to school" has no owner: .*or the family member who owns it \(their personId\)/);
  });
});

describe('planSignedOffAsRequired (policy planSignOff)', () => {
  const both = family(true, mother, father, youngPerson);

  it('everyConsentingParentAndYoungPerson: active only at the last required signature, naming who is still awaited', () => {
    const signed = [signature('Siobhán', 'mother'), signature('Dónal', 'father')];
    const waiting = planSignedOffAsRequired(both, signed, 2, 'everyConsentingParentAndYoungPerson');
    expect(!waiting.ok && waiting.reason).toBe('Version 2 of the action plan is waiting for the sign-off of the young person (Seán): each signs version 2 (SIGN_OFF_PLAN).');
    expect(planSignedOffAsRequired(both, [...signed, signature('Seán', 'child', 'youngPerson')], 2, 'everyConsentingParentAndYoungPerson').ok).toBe(true);
  });

  it("a signature of another version does not count", () => {
    const signed = [signature('Siobhán', 'mother', 'parentCarer', 1), signature('Dónal', 'father'), signature('Seán', 'child', 'youngPerson')];
    expect(signaturesStillNeeded(both, signed, 2, 'everyConsentingParentAndYoungPerson').map((p) => p.givenBy.name)).toEqual(['Siobhán']);
  });

  it("once the young person is of age the plan waits for their own consent and signature, even if it was drafted before", () => {
    const result = planSignedOffAsRequired(family(true, mother, father), [signature('Siobhán', 'mother'), signature('Dónal', 'father')], 2, 'everyConsentingParentAndYoungPerson');
    expect(!result.ok && result.reason).toMatch(/young person is of an age to give their own consent/);
  });

  it("below the consent age the young person's signature is not required", () => {
    expect(planSignedOffAsRequired(family(false, mother, father, youngPerson), [signature('Siobhán', 'mother'), signature('Dónal', 'father')], 2, 'everyConsentingParentAndYoungPerson').ok).toBe(true);
  });

  it('a parent who refused consent is not awaited', () => {
    expect(planSignedOffAsRequired(family(false, mother, { ...father, given: false }), [signature('Siobhán', 'mother')], 2, 'everyConsentingParentAndYoungPerson').ok).toBe(true);
  });

  it('anyParent: one parent/carer who consented signs it', () => {
    expect(planSignedOffAsRequired(both, [signature('Dónal', 'father')], 2, 'anyParent').ok).toBe(true);
    const none = planSignedOffAsRequired(both, [signature('Seán', 'child', 'youngPerson')], 2, 'anyParent');
    expect(!none.ok && none.reason).toMatch(/waiting for the sign-off of a parent\/carer \(Siobhán or Dónal\)/);
  });
});

describe('signatoryHasConsented', () => {
  it('a parent/carer signs only if their own consent with parental responsibility stands', () => {
    const consent = family(false, mother);
    expect(signatoryHasConsented(consent, { name: 'Siobhán', personId: 'mother', as: 'parentCarer' }).ok).toBe(true);
    const other = signatoryHasConsented(consent, { name: 'Dónal', personId: 'father', as: 'parentCarer' });
    expect(!other.ok && other.reason).toMatch(/^Dónal cannot sign the plan: only a parent\/carer with parental responsibility whose consent is recorded \(Siobhán\)/);
    const withdrawn = { ...consent, people: withConsentWithdrawn(consent.people, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Siobhán', personId: 'mother' } }, NOW) };
    expect(signatoryHasConsented(withdrawn, { name: 'Siobhán', personId: 'mother', as: 'parentCarer' }).ok).toBe(false);
  });

  it('the young person signs only once their own consent is recorded', () => {
    const result = signatoryHasConsented(family(true, mother), { name: 'Seán', personId: 'child', as: 'youngPerson' });
    expect(!result.ok && result.reason).toMatch(/their own consent is not recorded/);
    expect(signatoryHasConsented(family(true, mother, youngPerson), { name: 'Seán', personId: 'child', as: 'youngPerson' }).ok).toBe(true);
  });
});

describe('notSignedAlready', () => {
  it('refuses a second signature of the same version by the same person, saying who the plan waits for', () => {
    const consent = family(false, mother, father);
    const signed = [signature('Siobhán', 'mother')];
    const again = notSignedAlready(signed, 2, { name: 'Siobhán', personId: 'mother', as: 'parentCarer' }, signaturesStillNeeded(consent, signed, 2, 'everyConsentingParentAndYoungPerson'));
    expect(!again.ok && again.reason).toBe(`Siobhán already signed version 2 of the action plan (${NOW}); a signature is recorded once: the plan is waiting for Dónal.`);
    expect(notSignedAlready(signed, 3, { name: 'Siobhán', personId: 'mother', as: 'parentCarer' }, []).ok).toBe(true);
  });
});

describe('planRedraftedSinceChangesRequested', () => {
  it('after the family asked for changes, the same version is not sent for sign-off again', () => {
    const result = planRedraftedSinceChangesRequested(2, [{ planVersion: 2, changesRequested: 'Wednesday, not Tuesday.' }]);
    expect(!result.ok && result.reason).toMatch(/asked for changes to version 2 .*draft the changes as a new version \(DRAFT_PLAN\)/);
    expect(planRedraftedSinceChangesRequested(3, [{ planVersion: 2, changesRequested: 'x' }]).ok).toBe(true);
  });
});

const why = (r: { ok: boolean; reason?: string }) => (r.ok ? undefined : r.reason);

describe('everyActionHasOwnerAndDueDate: the reasons name each action to fix', () => {
  const action = { id: 'a1', answers: 'n', what: 'Walk to school', status: 'notStarted' as const, owner: { name: 'Orla', agency: 'PHN' }, dueDate: '2027-01-01' };

  it('a plan with no action list at all has no actions', () => {
    expect(why(everyActionHasOwnerAndDueDate(undefined))).toBe('The action plan has no actions: add at least one action, with its owner and due date (DRAFT_PLAN).');
  });

  it('an owner with an agency but no name is no owner', () => {
    expect(why(everyActionHasOwnerAndDueDate([{ ...action, owner: { name: ' ', agency: 'PHN' } }]))).toBe(
      '"Walk to school" has no owner: name the person and agency responsible for each action, or the family member who owns it (their personId) (DRAFT_PLAN).',
    );
  });

  it('a practitioner with an agency owns an action without a personId', () => {
    expect(everyActionHasOwnerAndDueDate([{ ...action, owner: { name: 'Orla', agency: 'PHN', personId: '' } }]).ok).toBe(true);
  });

  it('several actions without an owner are each named ("have no owner"); the owned ones are not', () => {
    const actions = [{ ...action, what: 'Homework club', owner: undefined }, action, { ...action, what: 'Swimming', owner: { name: 'Dad' } }];
    expect(why(everyActionHasOwnerAndDueDate(actions))).toBe(
      '"Homework club", "Swimming" have no owner: name the person and agency responsible for each action, or the family member who owns it (their personId) (DRAFT_PLAN).',
    );
  });

  it('the due date is checked once every action has an owner: one without ("has"), several without ("have"), a blank one', () => {
    expect(why(everyActionHasOwnerAndDueDate([{ ...action, dueDate: ' ' }]))).toBe('"Walk to school" has no due date: give each action a due date (DRAFT_PLAN).');
    expect(why(everyActionHasOwnerAndDueDate([{ ...action, what: 'A', dueDate: undefined }, action, { ...action, what: 'B', dueDate: '' }]))).toBe(
      '"A", "B" have no due date: give each action a due date (DRAFT_PLAN).',
    );
    expect(why(everyActionHasOwnerAndDueDate([{ ...action, owner: undefined, dueDate: undefined }]))).toMatch(/has no owner/);
  });
});

describe('signOffNamesCurrentPlanVersion / planChangedSinceSignOff: the reasons say which version to show and sign', () => {
  it('the first version can be signed; before any draft there is nothing to sign', () => {
    expect(signOffNamesCurrentPlanVersion(1, 1).ok).toBe(true);
    expect(why(signOffNamesCurrentPlanVersion(undefined, 0))).toBe('There is no drafted plan to sign: draft the action plan (DRAFT_PLAN) first.');
  });

  it('a sign-off naming no version is refused, saying which version to show', () => {
    expect(why(signOffNamesCurrentPlanVersion(undefined, 3))).toBe(
      'The sign-off names version (none) of the action plan but the current version is 3: show the family version 3 and record their sign-off of that version.',
    );
    expect(why(signOffNamesCurrentPlanVersion(4, 3))).toMatch(/^The sign-off names version 4 of the action plan but the current version is 3/);
  });

  it('a version already signed is sent again only as a new version', () => {
    expect(why(planChangedSinceSignOff(2, [1, 2]))).toBe(
      'Version 2 of the action plan is already signed off: draft the changes as a new version (DRAFT_PLAN) and ask the family to sign that version.',
    );
    expect(planChangedSinceSignOff(1, []).ok).toBe(true);
  });
});

describe('planRedraftedSinceChangesRequested: the reason quotes what the family last asked for', () => {
  it('quotes the latest request for the version', () => {
    const asked = [
      { planVersion: 2, changesRequested: 'Wednesday, not Tuesday.' },
      { planVersion: 1, changesRequested: 'Earlier.' },
      { planVersion: 2, changesRequested: 'And Gran collects him.' },
    ];
    expect(why(planRedraftedSinceChangesRequested(2, asked))).toBe(
      'The family asked for changes to version 2 of the action plan ("And Gran collects him."): draft the changes as a new version (DRAFT_PLAN), then send that version for sign-off.',
    );
    expect(planRedraftedSinceChangesRequested(2, []).ok).toBe(true);
  });
});

describe('planSignedOffAsRequired: who the plan waits for', () => {
  it('the first drafted version can become active; before a draft there is nothing to sign', () => {
    const consent = family(false, mother);
    expect(planSignedOffAsRequired(consent, [signature('Siobhán', 'mother', 'parentCarer', 1)], 1, 'everyConsentingParentAndYoungPerson').ok).toBe(true);
    expect(why(planSignedOffAsRequired(consent, [], 0, 'everyConsentingParentAndYoungPerson'))).toBe('There is no drafted plan to sign: draft the action plan (DRAFT_PLAN) first.');
  });

  it('everyConsentingParentAndYoungPerson: names every parent still awaited', () => {
    expect(why(planSignedOffAsRequired(family(false, mother, father), [], 2, 'everyConsentingParentAndYoungPerson'))).toBe(
      'Version 2 of the action plan is waiting for the sign-off of Siobhán and Dónal: each signs version 2 (SIGN_OFF_PLAN).',
    );
  });

  it('anyParent: says any one parent/carer may sign, and that the young person alone does not do', () => {
    expect(why(planSignedOffAsRequired(family(true, mother, father, youngPerson), [signature('Seán', 'child', 'youngPerson')], 2, 'anyParent'))).toBe(
      'Version 2 of the action plan is waiting for the sign-off of a parent/carer (Siobhán or Dónal): SIGN_OFF_PLAN naming version 2.',
    );
  });

  it('a signature counts for the capacity it was given in: a parent signing as the young person is not their own signature', () => {
    const asChild = { planVersion: 2, signedBy: { name: 'Siobhán', personId: 'mother', as: 'youngPerson' as const }, at: NOW };
    expect(signaturesStillNeeded(family(false, mother), [asChild], 2, 'everyConsentingParentAndYoungPerson').map((p) => p.givenBy.name)).toEqual(['Siobhán']);
  });

  it("the young person's signature is theirs whatever name it is written with", () => {
    const signed = [signature('Siobhán', 'mother'), { planVersion: 2, signedBy: { name: 'Seán Óg', as: 'youngPerson' as const }, at: NOW }];
    expect(signaturesStillNeeded(family(true, mother, youngPerson), signed, 2, 'everyConsentingParentAndYoungPerson')).toEqual([]);
  });

  it('a parent whose withdrawal waits for the coordinator is not asked to sign', () => {
    const consent = family(false, mother, father);
    const withdrawn = { ...consent, people: withConsentWithdrawn(consent.people, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Dónal', personId: 'father' } }, NOW) };
    expect(signaturesStillNeeded(withdrawn, [], 2, 'everyConsentingParentAndYoungPerson').map((p) => p.givenBy.name)).toEqual(['Siobhán']);
    expect(signaturesStillNeeded(withdrawn, [], 2, 'anyParent').map((p) => p.givenBy.name)).toEqual(['Siobhán']);
    // Nor is the plan activated meanwhile: the consent it rests on does not stand.
    expect(why(planSignedOffAsRequired(withdrawn, [signature('Siobhán', 'mother')], 2, 'everyConsentingParentAndYoungPerson'))).toMatch(/^Dónal withdrew consent: processing has stopped/);
  });
});

describe('signatoryHasConsented: who may sign, and the reason naming who may', () => {
  it('nobody named signs nothing', () => {
    expect(why(signatoryHasConsented(family(false, mother), undefined))).toBe('Say who signs the plan (signedBy).');
  });

  it('a parent/carer whose consent was refused, withdrawn, or given without parental responsibility does not sign', () => {
    const aunt: RecordConsent = { ...consentOf('Áine', 'aunt'), givenBy: { name: 'Áine', personId: 'aunt', hasParentalResponsibility: false } };
    const consent = family(false, mother, { ...father, given: false }, aunt);
    expect(why(signatoryHasConsented(consent, { name: 'Dónal', personId: 'father', as: 'parentCarer' }))).toBe(
      "Dónal cannot sign the plan: only a parent/carer with parental responsibility whose consent is recorded (Siobhán) or the young person whose own consent is recorded signs it. Record Dónal's consent first (RECORD_CONSENT).",
    );
    expect(why(signatoryHasConsented(consent, { name: 'Áine', personId: 'aunt', as: 'parentCarer' }))).toMatch(/^Áine cannot sign the plan: .*\(Siobhán\)/);
    const withdrawn = { ...consent, people: withConsentWithdrawn(consent.people, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Siobhán', personId: 'mother' } }, NOW) };
    expect(why(signatoryHasConsented(withdrawn, { name: 'Siobhán', personId: 'mother', as: 'parentCarer' }))).toMatch(/^Siobhán cannot sign the plan: .*is recorded \(none yet\)/);
  });

  it('lists every parent/carer who may sign, and not the young person signing as a parent', () => {
    const consent = family(true, mother, father, youngPerson);
    expect(why(signatoryHasConsented(consent, { name: 'Seán', personId: 'child', as: 'parentCarer' }))).toMatch(/^Seán cannot sign the plan: .*is recorded \(Siobhán, Dónal\)/);
  });

  it('the young person whose own consent was refused or withdrawn does not sign', () => {
    const refused = family(true, mother, { ...youngPerson, given: false });
    expect(why(signatoryHasConsented(refused, { name: 'Seán', personId: 'child', as: 'youngPerson' }))).toBe(
      'Seán cannot sign the plan as the young person: their own consent is not recorded (or was withdrawn). Record it first (RECORD_CONSENT with givenBy.as youngPerson).',
    );
    const consent = family(true, mother, youngPerson);
    const withdrawn = { ...consent, people: withConsentWithdrawn(consent.people, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Seán', personId: 'child' } }, NOW) };
    expect(why(signatoryHasConsented(withdrawn, { name: 'Seán', personId: 'child', as: 'youngPerson' }))).toMatch(/^Seán cannot sign the plan as the young person/);
  });
});

describe('notSignedAlready: a signature is recorded once', () => {
  const signed = [signature('Siobhán', 'mother'), signature('Seán', 'child', 'youngPerson')];

  it('nobody named: nothing to refuse here (signatoryHasConsented says who signs)', () => {
    expect(notSignedAlready(signed, 2, undefined, []).ok).toBe(true);
  });

  it('once nobody else is awaited, the reason says only that it is signed', () => {
    expect(why(notSignedAlready(signed, 2, { name: 'Siobhán', personId: 'mother', as: 'parentCarer' }, []))).toBe(
      `Siobhán already signed version 2 of the action plan (${NOW}); a signature is recorded once.`,
    );
  });

  it("the young person's second signature is refused whatever name it is written with; a parent's is not taken for it", () => {
    expect(why(notSignedAlready(signed, 2, { name: 'Seán Óg', as: 'youngPerson' }, []))).toMatch(/^Seán Óg already signed version 2/);
    expect(notSignedAlready(signed, 2, { name: 'Dónal', personId: 'father', as: 'parentCarer' }, []).ok).toBe(true);
    expect(notSignedAlready([signature('Seán', 'child', 'youngPerson')], 2, { name: 'Seán', personId: 'child', as: 'parentCarer' }, []).ok).toBe(true);
  });

  it('names everyone else the plan waits for, never the person signing again', () => {
    const consent = family(true, mother, father, youngPerson);
    const [siobhan, donal, sean] = consent.people as [PersonConsent, PersonConsent, PersonConsent];
    expect(why(notSignedAlready(signed, 2, { name: 'Siobhán', personId: 'mother', as: 'parentCarer' }, [siobhan, donal, sean]))).toMatch(
      /a signature is recorded once: the plan is waiting for Dónal and Seán\.$/,
    );
    expect(why(notSignedAlready(signed, 2, { name: 'Seán', personId: 'child', as: 'youngPerson' }, [siobhan, sean]))).toMatch(
      /a signature is recorded once: the plan is waiting for Siobhán\.$/,
    );
  });
});

describe('documentSigned / signedDocumentIsOfThisVersion: a sign-off names the exact document signed', () => {
  const sent = (planVersion: number, audience: 'professional' | 'family', locale: string, sha: string): PlanDocumentSent => ({ planVersion, id: `doc-${sha}`, version: planVersion, audience, locale, sha256: sha.repeat(64) });
  const SENT = [sent(1, 'professional', 'en', 'a'), sent(1, 'family', 'en', 'b'), sent(2, 'professional', 'en', 'c'), sent(2, 'family', 'ga', 'd'), sent(2, 'family', 'en', 'e')];

  it('without a hash, the family version in English of the version signed', () => {
    expect(documentSigned(1, undefined, SENT)?.id).toBe('doc-b');
    expect(documentSigned(2, undefined, SENT)?.id).toBe('doc-e');
  });

  it('without a hash and without a family version in English, the first sent of that version; none for a version never sent', () => {
    expect(documentSigned(2, undefined, [sent(2, 'family', 'ga', 'd'), sent(2, 'professional', 'en', 'c')])?.id).toBe('doc-d');
    expect(documentSigned(3, undefined, SENT)).toBeNull();
    expect(documentSigned(1, undefined, [])).toBeNull();
  });

  it('with a hash, the document of that version with that hash, and no other', () => {
    expect(documentSigned(2, 'd'.repeat(64), SENT)?.id).toBe('doc-d');
    expect(documentSigned(2, 'a'.repeat(64), SENT)).toBeNull();
    expect(documentSigned(2, 'f'.repeat(64), SENT)).toBeNull();
  });

  it('a hash of this version, or none, is accepted', () => {
    expect(signedDocumentIsOfThisVersion(2, 'c'.repeat(64), SENT)).toEqual({ ok: true });
    expect(signedDocumentIsOfThisVersion(2, undefined, SENT)).toEqual({ ok: true });
    // A case from before documents were stored: nothing to check a missing hash against.
    expect(signedDocumentIsOfThisVersion(1, undefined, [])).toEqual({ ok: true });
  });

  it('a hash of another version is refused, saying which version it was', () => {
    expect(signedDocumentIsOfThisVersion(2, 'b'.repeat(64), SENT)).toEqual({
      ok: false,
      reason: 'The document signed is an earlier plan: issue 1 of it, sent for version 1, while the plan is now at version 2. Show the family the plan of version 2 and record their sign-off of it.',
    });
  });

  it('a hash of no plan sent is refused, saying how to find the right one', () => {
    expect(signedDocumentIsOfThisVersion(2, 'f'.repeat(64), SENT)).toEqual({
      ok: false,
      reason: "The document signed (ffffffffffff…) is not a plan sent to the family for sign-off of version 2: give the SHA-256 of the document they read (GET /cases/{id}/documents), or leave documentSha256 out when they signed the family's version in English.",
    });
  });
});
