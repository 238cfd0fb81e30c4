import { parseOpenCase } from '../open-case.dto';
import { sampleOpenCase } from './samples';

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
