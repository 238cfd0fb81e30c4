import { parseOpenCase } from '../open-case.dto';
import { sampleChildDetails, sampleOpenCase } from './samples';

function errorsOf(body: unknown): Record<string, string[]> {
  const result = parseOpenCase(body);
  if (result.ok) throw new Error('expected errors, got a valid body');
  return Object.fromEntries(result.errors.map((e) => [e.field, e.problems]));
}

describe('parseOpenCase accepts', () => {
  it('a new family with a child and family members, returned as plain data', () => {
    const result = parseOpenCase(sampleOpenCase());
    expect(result).toEqual({ ok: true, value: sampleOpenCase() });
    if (result.ok) expect(Object.getPrototypeOf(result.value.child)).toBe(Object.prototype);
  });

  it('a sibling case linked to an existing family, with no family members', () => {
    const body = { ...sampleOpenCase(), familyMembers: [], familyId: '3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f' };
    expect(parseOpenCase(body)).toEqual({ ok: true, value: body });
  });

  it('a reopened case with the minimum of details', () => {
    const body = {
      areaId: 'area-1',
      origin: 'family',
      child: { name: 'Aisling Ní Bhriain', dateOfBirth: '2012-02-29', sensitive: { address: 'Refuge, address withheld' } },
      familyMembers: [{ name: 'Máire Ní Bhriain', relationship: 'mother', hasParentalResponsibility: true }],
      previousEpisodeId: '9b2e7c1d-4a3f-4e8b-8c6d-1f2a3b4c5d6e',
    };
    expect(parseOpenCase(body).ok).toBe(true);
  });
});

describe("parseOpenCase and the child's details", () => {
  it('accepts every detail practitioners record of the child, each optional', () => {
    const body = { ...sampleOpenCase(), child: { ...sampleOpenCase().child, ...sampleChildDetails() }, preRequestChecklistId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' };
    expect(parseOpenCase(body)).toEqual({ ok: true, value: body });
  });

  it('refuses what nobody could mean, each with its path and how to put it right', () => {
    const body = {
      ...sampleOpenCase(),
      child: {
        ...sampleOpenCase().child,
        gender: 'x'.repeat(51),
        interpreterNeeded: 'yes',
        livesInHome: [{ name: 'Darren Kelly' }, { familyMemberId: 'mother' }],
        professionalsInvolved: [{ name: 'Dr Nuala Hayes', contact: { email: 'nuala' } }],
        sensitive: { ethnicity: '', favouriteColour: 'blue' },
      },
      preRequestChecklistId: 'checklist-1',
    };
    expect(errorsOf(body)).toEqual({
      'child.gender': ['gender must be at most 50 characters (it has 51)'],
      'child.interpreterNeeded': ['interpreterNeeded must be true or false, not string'],
      'child.livesInHome.0.relationship': ['relationship is required with name: how they are related to the child (e.g. "mother\'s partner")'],
      'child.livesInHome.1.familyMemberId': ['familyMemberId must be a UUID (e.g. 3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f)'],
      'child.professionalsInvolved.0.service': ['service is required (text of at most 200 characters)'],
      'child.professionalsInvolved.0.contact.email': ['email must be an email address like name@example.ie'],
      'child.sensitive.ethnicity': ['ethnicity must not be empty'],
      'child.sensitive.favouriteColour': ['property favouriteColour should not exist'],
      preRequestChecklistId: ['preRequestChecklistId must be a UUID (e.g. 3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f)'],
    });
  });
});

describe('parseOpenCase rejects', () => {
  it('a body that is not an object', () => {
    expect(errorsOf([])).toEqual({ '': ['the body must be a JSON object'] });
  });

  it('an empty body, naming every required field', () => {
    expect(errorsOf({})).toEqual({
      areaId: ['areaId is required (text of at most 100 characters)'],
      origin: ['origin is required: one of family, school, health, community, earlyYears, socialWorkStepDown, other'],
      child: ['child is required (an object)'],
      familyMembers: ['familyMembers is required (a list; it may be empty)'],
    });
  });

  it('no family members when the case is not linked to a family', () => {
    expect(errorsOf({ ...sampleOpenCase(), familyMembers: [] })).toEqual({
      familyMembers: ['familyMembers needs at least one family member, or give familyId to link the case to an existing family'],
    });
  });

  it('invalid nested fields, each with its path', () => {
    const [mother, grandmother] = sampleOpenCase().familyMembers;
    const body = {
      ...sampleOpenCase(),
      origin: 'police',
      child: { name: 'Seán', dateOfBirth: '21/09/2018', nickname: 'Séanie' },
      familyMembers: [
        { ...mother, contact: { phone: 'call me', email: 'not-an-email' } },
        { ...grandmother, hasParentalResponsibility: 'no' },
      ],
      familyId: '42',
      previousEpisodeId: null,
    };
    expect(errorsOf(body)).toEqual({
      origin: [expect.stringMatching(/^origin must be one of family, school/)],
      'child.dateOfBirth': ['dateOfBirth must be a real day written YYYY-MM-DD (e.g. 2026-03-14)'],
      'child.nickname': ['property nickname should not exist'],
      'familyMembers.0.contact.phone': [expect.stringMatching(/^phone must be a phone number/)],
      'familyMembers.0.contact.email': ['email must be an email address like name@example.ie'],
      'familyMembers.1.hasParentalResponsibility': ['hasParentalResponsibility must be true or false, not string'],
      familyId: ['familyId must be a UUID (e.g. 3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f)'],
      previousEpisodeId: ['previousEpisodeId must be a UUID (e.g. 3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f)'],
    });
  });

  it('an unknown field at the top', () => {
    expect(errorsOf({ ...sampleOpenCase(), stage: 'review' })).toEqual({ stage: ['property stage should not exist'] });
  });
});
