import { ROLES, type Role } from '@tacu/domain';
import { canReadConcerns, canReadDocument, ESCALATION_EVENTS, readablePerson, readableEventData, readableRecord } from './redaction';

const record = { consent: { scopes: {} }, concerns: [{ observed: 'what the child said' }], onHold: { stage: 'assessment' } };

describe('a concern is read by those who handle it', () => {
  it('the lead practitioner, the coordinators and the liaison person read it; nobody else', () => {
    expect(ROLES.filter((role) => canReadConcerns(role))).toEqual(['leadPractitioner', 'coordinator', 'designatedLiaisonPerson']);
  });

  it('an invited agency practitioner reads the record without the concerns, and that the case is on hold', () => {
    expect(readableRecord('agencyPractitioner', record)).toEqual({ consent: { scopes: {} }, onHold: { stage: 'assessment' } });
    for (const role of ['leadPractitioner', 'coordinator', 'designatedLiaisonPerson'] as Role[]) expect(readableRecord(role, record)).toBe(record);
  });

  it("withholds the data of every escalation event from them, but not an event's sender nor other events", () => {
    const data = { observed: 'what the child said' };
    for (const eventType of ESCALATION_EVENTS) {
      expect(readableEventData('agencyPractitioner', 'nurse', { eventType, actorId: 'lead', data })).toBeNull();
      expect(readableEventData('agencyPractitioner', 'nurse', { eventType, actorId: 'nurse', data })).toBe(data);
      expect(readableEventData('designatedLiaisonPerson', 'dlp', { eventType, actorId: 'lead', data })).toBe(data);
    }
    expect(readableEventData('agencyPractitioner', 'nurse', { eventType: 'HOLD_MEETING', actorId: 'lead', data })).toBe(data);
    expect(ESCALATION_EVENTS).toEqual(['RAISE_CONCERN', 'CONSULT_LIAISON', 'SUBMIT_REPORT', 'DECIDE_NOT_TO_REPORT', 'ACKNOWLEDGE_REPORT', 'RECORD_CONCERN_OUTCOME']);
  });

  it('a liaison person reading only their record of a concern reads the concerns and the escalation events, nothing else of the case', () => {
    expect(readableRecord('designatedLiaisonPerson', record, 'concernRecord')).toEqual({ concerns: record.concerns });
    expect(readableRecord('designatedLiaisonPerson', { consent: {} }, 'concernRecord')).toEqual({ concerns: [] });
    expect(readableRecord('agencyPractitioner', record, 'concernRecord')).toEqual({});
    const data = { observed: 'what the child said' };
    for (const eventType of ESCALATION_EVENTS) expect(readableEventData('designatedLiaisonPerson', 'dlp', { eventType, actorId: 'lead', data }, 'concernRecord')).toBe(data);
    for (const eventType of ['RECORD_ASSESSMENT', 'RECORD_CONTACT', 'HOLD_MEETING']) {
      expect(readableEventData('designatedLiaisonPerson', 'dlp', { eventType, actorId: 'dlp', data }, 'concernRecord')).toBeNull();
    }
  });
});

describe('stored documents follow the same need to know as the record', () => {
  it('the child protection and welfare report is read only by those who handle the concern', () => {
    expect(ROLES.filter((role) => canReadDocument(role, 'childProtectionReport'))).toEqual(['leadPractitioner', 'coordinator', 'designatedLiaisonPerson']);
  });

  it('every other stage document is read by whoever reads the case', () => {
    for (const kind of ['requestForSupport', 'consentRecord', 'strengthsAndNeedsRecord', 'meetingRecord', 'actionPlan', 'reviewRecord', 'closingSummary']) {
      expect(ROLES.filter((role) => canReadDocument(role, kind))).toEqual(ROLES);
    }
  });

  it('a liaison person whose concern is over reads the report and nothing else', () => {
    expect(canReadDocument('designatedLiaisonPerson', 'childProtectionReport', 'concernRecord')).toBe(true);
    expect(canReadDocument('designatedLiaisonPerson', 'actionPlan', 'concernRecord')).toBe(false);
    expect(canReadDocument('agencyPractitioner', 'childProtectionReport', 'concernRecord')).toBe(false);
  });
});

describe("a person's sensitive details are read only with canSeeSensitiveDetails", () => {
  const child = {
    id: 'child-1',
    school: 'Scoil Bhríde',
    professionalsInvolved: [{ name: 'Dr Nuala Hayes', service: 'Speech and Language Therapy', contact: { phone: '+353 1 555 0101' } }],
    sensitive: { address: '12 Church Road', ethnicity: 'Irish Traveller', religion: 'Catholic', disabilityOrAdditionalNeeds: 'Autism', professionalContacts: [{ phone: '+353 1 555 0101' }] },
  };

  it('without it: no sensitive details, and no contact of the professionals involved; the rest as it is', () => {
    expect(readablePerson(child, false)).toEqual({ id: 'child-1', school: 'Scoil Bhríde', professionalsInvolved: [{ name: 'Dr Nuala Hayes', service: 'Speech and Language Therapy' }] });
  });

  it('with it: the sensitive details the API knows, and nothing it keeps for itself', () => {
    expect(readablePerson(child, true)).toEqual({
      id: 'child-1',
      school: 'Scoil Bhríde',
      professionalsInvolved: child.professionalsInvolved,
      sensitive: { address: '12 Church Road', ethnicity: 'Irish Traveller', religion: 'Catholic', disabilityOrAdditionalNeeds: 'Autism' },
    });
  });

  it('with it: only the sensitive details recorded, no empty ones', () => {
    const { sensitive } = readablePerson({ professionalsInvolved: null, sensitive: { religion: 'None', contact: undefined } }, true);
    expect(Object.keys(sensitive ?? {})).toEqual(['religion']);
  });

  it('a person with nothing recorded reads as such either way', () => {
    expect(readablePerson({ professionalsInvolved: null }, false)).toEqual({ professionalsInvolved: null });
    expect(readablePerson({ professionalsInvolved: null }, true)).toEqual({ professionalsInvolved: null, sensitive: {} });
  });
});
