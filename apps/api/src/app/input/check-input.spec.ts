import { LIMITS } from '../cases/events/validation';
import { checkInput, claimsProblem, textProblem } from './check-input';
import { INPUT_LIMITS } from './input-limits';

it('lets through the longest text and field name any field may have, and no longer', () => {
  expect(INPUT_LIMITS.textLength).toBe(Math.max(...Object.values(LIMITS)));
  expect(INPUT_LIMITS.keyLength).toBe(LIMITS.id);
});

/** The problems as a map from field to its first problem: easier to read in a failing test. */
const problemsOf = (value: unknown) => Object.fromEntries(checkInput(value).map((p) => [p.field, p.problems[0]]));

describe('every text is well-formed Unicode without control characters', () => {
  it('refuses NUL and the other control characters, saying which and where', () => {
    expect(problemsOf({ reason: 'a\u0000b' })).toEqual({
      reason: 'reason contains the control character U+0000 at character 2; text may hold newlines and tabs but no other control characters',
    });
    for (const control of ['\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009f', 'a\rb']) {
      expect(textProblem(control, 'x', 100)).toMatch(/^x contains the control character U\+00/);
    }
  });

  it('keeps newlines (LF and CR LF) and tabs, and any other character', () => {
    for (const text of ['line one\nline two', 'line one\r\nline two', 'a\tb', 'Siobhán Ní Bhriain 😀', '\u00a0non-breaking', '']) {
      expect(textProblem(text, 'x', 100)).toBeUndefined();
    }
  });

  it('refuses a lone surrogate, high or low, and keeps a pair', () => {
    expect(textProblem('a\ud800b', 'name', 100)).toBe(
      'name is not well-formed Unicode: a lone surrogate (U+D800) at character 2; send text as UTF-8, and in JSON write a \\u escape of a surrogate only as a pair',
    );
    expect(textProblem('\udc00', 'name', 100)).toContain('(U+DC00) at character 1');
    expect(textProblem('a\ud83d', 'name', 100)).toContain('(U+D83D) at character 2');
    expect(textProblem('\ud83d\ude00', 'name', 100)).toBeUndefined();
  });

  it('refuses text longer than the longest field may be', () => {
    expect(problemsOf({ minutes: 'x'.repeat(INPUT_LIMITS.textLength) })).toEqual({});
    expect(problemsOf({ minutes: 'x'.repeat(INPUT_LIMITS.textLength + 1) })).toEqual({ minutes: 'minutes has 50001 characters; text may have at most 50000' });
  });

  it('checks every text however deep, with its path, and field names too', () => {
    const problems = problemsOf({ actions: [{ owner: { name: 'ok' } }, { owner: { name: 'bad\u0000' } }], ['na\u0000me']: 1, ['x'.repeat(101)]: 1 });
    expect(Object.keys(problems).sort()).toEqual(['', 'actions.1.owner.name']);
    expect(checkInput({ ['na\u0000me']: 1, ['x'.repeat(101)]: 1 }).map((p) => p.problems[0])).toEqual([
      'the field name "na\\u0000me" contains the control character U+0000 at character 3; text may hold newlines and tabs but no other control characters',
      `the field name "${'x'.repeat(40)}" has 101 characters; text may have at most 100`,
    ]);
  });

  it('refuses field names that reach an object prototype', () => {
    expect(checkInput(JSON.parse('{"__proto__": {"admin": true}, "a": {"constructor": {"prototype": 1}}}'))).toEqual([
      { field: '', problems: ['a field may not be called "__proto__"'] },
      { field: 'a', problems: ['a field may not be called "constructor"'] },
    ]);
  });

  it('holds a token\'s claims to the same rules', () => {
    expect(claimsProblem({ id: 'u-lp-0001', areaId: 'dublin-south-central', name: 'Aoife Byrne' })).toBeUndefined();
    expect(claimsProblem({ id: 'u-lp-\u0000', areaId: 'dublin-south-central' })).toMatch(/^The token's claim "sub" contains the control character U\+0000/);
    expect(claimsProblem({ id: 'u-lp-0001', areaId: '\ud800' })).toMatch(/^The token's claim "area" is not well-formed Unicode/);
    expect(claimsProblem({ id: 'u-lp-0001', areaId: 'a', name: 'x'.repeat(201) })).toMatch(/^The token's claim "name" has 201 characters/);
  });

  it('counts every text problem (the answer lists the first ones)', () => {
    const body = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, '\u0000']));
    expect(checkInput(body)).toHaveLength(60);
  });
});

describe('the shape of the input is limited, and the first limit passed is the only problem', () => {
  const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

  it(`refuses more than ${INPUT_LIMITS.depth} levels of nesting`, () => {
    expect(checkInput(nested(INPUT_LIMITS.depth))).toEqual([]);
    expect(checkInput(nested(INPUT_LIMITS.depth + 1))).toEqual([
      { field: 'a.a.a.a.a.a.a.a.a.a', problems: ['a.a.a.a.a.a.a.a.a.a is nested more than 10 levels deep; no valid request is'] },
    ]);
  });

  it('refuses too many fields in one object, in all, and too many list items or values', () => {
    const fields = (n: number, value: unknown = 0) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value]));
    expect(checkInput(fields(INPUT_LIMITS.keysPerObject))).toEqual([]);
    expect(checkInput({ child: fields(INPUT_LIMITS.keysPerObject + 1) })).toEqual([{ field: 'child', problems: ['child has more than 64 fields; an object may have at most 64'] }]);
    expect(checkInput(Array.from({ length: 100 }, () => fields(60)))[0]?.problems).toEqual(['the input has more than 5000 fields in all; send less at once']);
    expect(checkInput({ list: new Array(INPUT_LIMITS.listItems + 1).fill(0) })).toEqual([{ field: 'list', problems: ['list has more than 1000 items; a list may have at most 1000'] }]);
    expect(checkInput(Array.from({ length: 30 }, () => new Array(1000).fill(0)))[0]?.problems).toEqual(['the input has more than 20000 values in all; send less at once']);
  });

  it('reports only the shape when the shape is wrong, however many texts are bad', () => {
    expect(checkInput({ a: '\u0000', b: nested(20) })).toEqual([{ field: 'b.a.a.a.a.a.a.a.a.a', problems: [expect.stringContaining('nested more than 10 levels')] }]);
  });

  it('takes every value a valid request has', () => {
    const plan = { type: 'DRAFT_PLAN', actions: Array.from({ length: 100 }, (_, i) => ({ id: `a${i}`, answers: 'x', what: 'y', owner: { name: 'n', personId: 'p', agency: 'a' }, dueDate: '2026-05-01', status: 'notStarted', progress: 'p' })), childViews: { words: 'ok' } };
    expect(checkInput(plan)).toEqual([]);
  });
});
