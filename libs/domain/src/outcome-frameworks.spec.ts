import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_OUTCOME_FRAMEWORK, IRELAND_OUTCOME_FRAMEWORK, isOutcomeFramework, outcomeFrameworkProblems, scalePoint } from './outcome-frameworks';
import { NATIONAL_OUTCOMES, WORLD_SIDES } from './vocabulary';

const SHANARRI = JSON.parse(readFileSync(join(__dirname, '../../../docs/outcome-frameworks/scotland-shanarri.json'), 'utf8')) as unknown;

describe("Ireland's national outcomes are the default framework", () => {
  it('five national outcomes of Better Outcomes, Brighter Futures, the three sides of "My World", rated 1-3; the ids cases have always stored', () => {
    expect(DEFAULT_OUTCOME_FRAMEWORK).toBe(IRELAND_OUTCOME_FRAMEWORK);
    expect(IRELAND_OUTCOME_FRAMEWORK.outcomes.map((o) => o.id)).toEqual([...NATIONAL_OUTCOMES]);
    expect(IRELAND_OUTCOME_FRAMEWORK.sides.map((s) => s.id)).toEqual([...WORLD_SIDES]);
    expect(IRELAND_OUTCOME_FRAMEWORK.outcomes.map((o) => o.label.en)).toEqual([
      'Active and healthy, with physical and mental wellbeing',
      'Achieving full potential in all areas of learning and development',
      'Safe and protected from harm',
      'Economic security and opportunity',
      'Connected, respected and contributing to their world',
    ]);
    expect(IRELAND_OUTCOME_FRAMEWORK.sides.map((s) => s.label.en)).toEqual(['How I grow and develop', 'What I need from the people who look after me', 'My wider world']);
    expect([IRELAND_OUTCOME_FRAMEWORK.scale.min, IRELAND_OUTCOME_FRAMEWORK.scale.max]).toEqual([1, 3]);
    expect(scalePoint(IRELAND_OUTCOME_FRAMEWORK.scale, 2)).toBe('2 (some progress)');
    expect(outcomeFrameworkProblems(IRELAND_OUTCOME_FRAMEWORK)).toEqual([]);
  });

  it("Scotland's SHANARRI, as configured in docs/outcome-frameworks: eight wellbeing indicators rated 1-5", () => {
    expect(outcomeFrameworkProblems(SHANARRI)).toEqual([]);
    expect(isOutcomeFramework(SHANARRI)).toBe(true);
    const shanarri = SHANARRI as typeof IRELAND_OUTCOME_FRAMEWORK;
    expect(shanarri.outcomes.map((o) => o.label.en)).toEqual(['Safe', 'Healthy', 'Achieving', 'Nurtured', 'Active', 'Respected', 'Responsible', 'Included']);
    expect([shanarri.scale.min, shanarri.scale.max]).toEqual([1, 5]);
    expect(scalePoint(shanarri.scale, 3)).toBe('3');
  });
});

describe('a framework from configuration is checked before anything is rated on it', () => {
  const valid = () => JSON.parse(JSON.stringify(SHANARRI)) as Record<string, unknown> & { outcomes: Record<string, unknown>[]; scale: Record<string, unknown> };

  it('says what is wrong and where: ids, labels, duplicates, an empty list, a scale out of bounds, unknown fields and languages', () => {
    const broken = valid();
    broken['id'] = '1 bad id';
    broken.outcomes[1] = { id: 'safe', label: { en: '' } };
    broken.outcomes[2] = { id: 'achieving', label: { en: 'Achieving', fr: 'Réussir' } };
    broken.scale = { min: 1, max: 11, labels: [] };
    broken['sides'] = [];
    broken['colour'] = 'blue';
    expect(outcomeFrameworkProblems(broken, 'outcomeFrameworks[0]')).toEqual([
      'outcomeFrameworks[0]: unknown field "colour" (expected id, name, source, outcomes, sides, scale)',
      'outcomeFrameworks[0].id must be an id: a letter, then letters, digits, - or _ (64 characters at most)',
      'outcomeFrameworks[0].outcomes[1].id "safe" is used twice: each id once',
      'outcomeFrameworks[0].outcomes[1].label.en must be text of 1 to 200 characters on one line',
      'outcomeFrameworks[0].outcomes[2].label: unknown language "fr" (expected en, ga)',
      'outcomeFrameworks[0].sides must be a list of 1 to 10 items, each { "id", "label", "description"? }',
      'outcomeFrameworks[0].scale: min and max must be whole numbers from 0 to 10, min below max',
    ]);
  });

  it('a scale label off the scale, or a point labelled twice, is refused', () => {
    const broken = valid();
    broken.scale = { min: 1, max: 5, labels: [{ value: 6, label: { en: 'Off' } }, { value: 1, label: { en: 'Low' } }, { value: 1, label: { en: 'Low again' } }] };
    expect(outcomeFrameworkProblems(broken)).toEqual(['outcome framework.scale.labels[0].value must be a whole number of the scale, 1 to 5', 'outcome framework.scale.labels[2].value 1 is labelled twice']);
  });

  it('more outcomes than any framework has (20) are refused', () => {
    const broken = valid();
    broken.outcomes = Array.from({ length: 21 }, (_, i) => ({ id: `o${i}`, label: { en: `Outcome ${i}` } }));
    expect(outcomeFrameworkProblems(broken)).toEqual(['outcome framework.outcomes must be a list of 1 to 20 items, each { "id", "label", "description"? }']);
  });
});
