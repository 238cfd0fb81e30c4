import { namedPeople } from './named-people';

// The naming rules (libs/auth naming.spec.ts) decide who may be named; these pin what is found to
// be named, and as what. `toStrictEqual`: a property that is not there must not be there at all
// (an `agency: undefined` would read as "names a practitioner without their agency").

/** `{ a: { a: … { name, personId } } }`, the person `depth` levels down. */
function nested(depth: number, person: object): unknown {
  let body: unknown = person;
  for (let i = 0; i < depth; i++) body = { a: body };
  return body;
}

describe('namedPeople: every person an event names by id, wherever it sits', () => {
  it('a person named anywhere is found, the field saying where (array items by index, the body itself by no field)', () => {
    expect(namedPeople({ personId: 'mother', name: 'Siobhán' })).toStrictEqual([{ field: '', personId: 'mother', as: 'person', name: 'Siobhán' }]);
    expect(namedPeople([{ name: 'A', personId: 'a' }, { name: 'B' }, { name: 'C', personId: 'c' }])).toStrictEqual([
      { field: '0', personId: 'a', as: 'person', name: 'A' },
      { field: '2', personId: 'c', as: 'person', name: 'C' },
    ]);
  });

  it('the name is kept only when the event gives it as text (checked against the family record by libs/auth naming)', () => {
    expect(namedPeople({ chair: { name: 7, personId: 'nurse' } })).toStrictEqual([{ field: 'chair', personId: 'nurse', as: 'person' }]);
  });

  it('a withdrawal and an agreement are named as the family acts they are', () => {
    expect(namedPeople({ withdrawnBy: { name: 'S', personId: 'mother' }, agreedBy: { name: 'G', personId: 'gran' } })).toStrictEqual([
      { field: 'withdrawnBy', personId: 'mother', as: 'withdrawer', name: 'S' },
      { field: 'agreedBy', personId: 'gran', as: 'familyAgreement', name: 'G' },
    ]);
  });

  it('a reference without a personId (a name alone), or with one that is not text, names nobody by id', () => {
    expect(namedPeople({ chair: { name: 'Ann' }, minuteTaker: { name: 'Bo', personId: 7 }, attendance: [{ name: 'Cat', personId: null }] })).toStrictEqual([]);
  });

  it('fields left empty, text, numbers and flags are passed over', () => {
    expect(namedPeople({ type: 'HOLD_MEETING', chair: undefined, minutes: null, heldOn: 'personId', count: 3, flags: [true, null, undefined, 'x'] })).toStrictEqual([]);
    expect(namedPeople(undefined)).toStrictEqual([]);
    expect(namedPeople('personId')).toStrictEqual([]);
  });

  it('what the event names them as comes from the key they sit under, at any depth', () => {
    const event = {
      review: { actions: [{ owner: { name: 'Orla', personId: 'nurse', agency: 'PHN' } }] },
      concern: { liaison: { name: 'P', personId: 'dlp' } },
      meeting: { invitees: [{ name: 'Gran', personId: 'gran', approvedByFamily: true }] },
      // Under `invitees` but not an item of the list: not an invitee.
      other: { invitees: { name: 'Q', personId: 'q' } },
    };
    expect(namedPeople(event)).toStrictEqual([
      { field: 'review.actions.0.owner', personId: 'nurse', as: 'actionOwner', name: 'Orla', agency: 'PHN' },
      { field: 'concern.liaison', personId: 'dlp', as: 'liaison', name: 'P' },
      { field: 'meeting.invitees.0', personId: 'gran', as: 'invitee', name: 'Gran' },
      { field: 'other.invitees', personId: 'q', as: 'person', name: 'Q' },
    ]);
  });

  it('a key that is not one of the capacities is a plain person, even one every object inherits (constructor, __proto__)', () => {
    // A body parsed from JSON may carry such keys; named as anything but a known capacity, the
    // naming rules would not check them at all.
    const body = JSON.parse('{"constructor": {"name": "X", "personId": "x"}, "__proto__": {"name": "Y", "personId": "y"}, "toString": {"name": "Z", "personId": "z"}}') as unknown;
    expect(namedPeople(body)).toStrictEqual([
      { field: 'constructor', personId: 'x', as: 'person', name: 'X' },
      { field: '__proto__', personId: 'y', as: 'person', name: 'Y' },
      { field: 'toString', personId: 'z', as: 'person', name: 'Z' },
    ]);
  });

  it('the agency is kept only when the event gives it as text', () => {
    expect(namedPeople({ invitees: [{ name: 'Orla', personId: 'nurse', agency: 7, approvedByFamily: true }] })).toStrictEqual([
      { field: 'invitees.0', personId: 'nurse', as: 'invitee', name: 'Orla' },
    ]);
    expect(namedPeople({ chair: { name: 'Orla', personId: 'nurse', agency: 'PHN' } })).toStrictEqual([{ field: 'chair', personId: 'nurse', as: 'person', name: 'Orla', agency: 'PHN' }]);
  });

  it('whom someone signs or consents as is kept for a signatory and a consent giver only, when given as text', () => {
    expect(
      namedPeople({
        signedBy: { name: 'Seán', personId: 'child', as: 'youngPerson' },
        givenBy: { name: 'Seán', personId: 'child', as: 'youngPerson', hasParentalResponsibility: false },
        invitees: [{ name: 'Siobhán', personId: 'mother', as: 'parentCarer', approvedByFamily: true }],
        chair: { name: 'Orla', personId: 'nurse', as: 'parentCarer' },
      }),
    ).toStrictEqual([
      { field: 'signedBy', personId: 'child', as: 'signatory', name: 'Seán', signsAs: 'youngPerson' },
      { field: 'givenBy', personId: 'child', as: 'consentGiver', name: 'Seán', signsAs: 'youngPerson', claimsParentalResponsibility: false },
      { field: 'invitees.0', personId: 'mother', as: 'invitee', name: 'Siobhán' },
      { field: 'chair', personId: 'nurse', as: 'person', name: 'Orla' },
    ]);
    expect(namedPeople({ signedBy: { name: 'S', personId: 'mother', as: 1 }, givenBy: { name: 'S', personId: 'mother', hasParentalResponsibility: true } })).toStrictEqual([
      { field: 'signedBy', personId: 'mother', as: 'signatory', name: 'S' },
      { field: 'givenBy', personId: 'mother', as: 'consentGiver', name: 'S', claimsParentalResponsibility: true },
    ]);
  });

  it('a claim of parental responsibility is kept for a consent giver only, when it is true or false', () => {
    expect(
      namedPeople({
        givenBy: { name: 'S', personId: 'mother', hasParentalResponsibility: 'yes' },
        signedBy: { name: 'S', personId: 'mother', as: 'parentCarer', hasParentalResponsibility: true },
      }),
    ).toStrictEqual([
      { field: 'givenBy', personId: 'mother', as: 'consentGiver', name: 'S' },
      { field: 'signedBy', personId: 'mother', as: 'signatory', name: 'S', signsAs: 'parentCarer' },
    ]);
  });

  it('a lead practitioner is named by the text of leadPractitionerId, wherever it sits', () => {
    expect(namedPeople({ registration: { leadPractitionerId: 'lead-2' } })).toStrictEqual([
      { field: 'registration.leadPractitionerId', personId: 'lead-2', as: 'leadPractitioner' },
    ]);
    expect(namedPeople({ leadPractitionerId: 42 })).toStrictEqual([]);
    expect(namedPeople({ leadPractitionerId: null })).toStrictEqual([]);
  });

  it('walks 16 levels down and no further (the API refuses deeper bodies long before)', () => {
    const person = { name: 'Deep', personId: 'deep' };
    expect(namedPeople(nested(16, person))).toStrictEqual([{ field: Array(16).fill('a').join('.'), personId: 'deep', as: 'person', name: 'Deep' }]);
    expect(namedPeople(nested(17, person))).toStrictEqual([]);
    expect(namedPeople(nested(16, { leadPractitionerId: 'lead' }))).toStrictEqual([
      { field: [...Array(16).fill('a'), 'leadPractitionerId'].join('.'), personId: 'lead', as: 'leadPractitioner' },
    ]);
  });
});
