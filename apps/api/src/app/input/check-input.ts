/**
 * The one boundary check for everything a request carries (a parsed body, the query, the path
 * parameters), before any DTO sees it:
 *
 * - shape: at most INPUT_LIMITS.depth levels, keysPerObject fields per object, keys fields in all,
 *   listItems items per list and values values in all. The walk stops at the first limit passed,
 *   so the worst body costs one pass over at most INPUT_LIMITS.values values;
 * - text, every string and every field name: well-formed Unicode (a lone surrogate is refused,
 *   never replaced), no control characters but newline (LF, or CR LF) and tab, and at most
 *   INPUT_LIMITS.textLength characters (field names INPUT_LIMITS.keyLength); `__proto__`,
 *   `constructor`, `prototype` and every other name of Object.prototype (`toString`...) are
 *   refused as field names.
 *
 * Problems are reported as `{ field: 'actions.0.what', problems: [...] }`, the paths the DTO
 * validation uses; a shape problem is the only one reported, text problems are all counted.
 */
import type { FieldProblem } from '../errors/validation-failed';
import { INPUT_LIMITS } from './input-limits';

export type InputLimits = { -readonly [K in keyof typeof INPUT_LIMITS]: number };

// A lone surrogate is a code point of category Cs only when it is not part of a pair (u flag).
const LONE_SURROGATE = /\p{Cs}/u;
// C0 and C1 controls and DEL, but tab and line feed; a carriage return only before a line feed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;
// Names an object has before any field is set (`toString`, `__defineGetter__`...): validation
// libraries look them up on the prototype and let them through as if they were declared.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

const codePoint = (char: string): string => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * What is wrong with one text, in words that say how to fix it, or undefined when it is fine.
 * `what` names it ("reasonForRequest", "a field name").
 */
export function textProblem(text: string, what: string, maxLength: number): string | undefined {
  if (text.length > maxLength) return `${what} has ${text.length} characters; text may have at most ${maxLength}`;
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) {
    return `${what} is not well-formed Unicode: a lone surrogate (${codePoint(surrogate[0])}) at character ${surrogate.index + 1}; send text as UTF-8, and in JSON write a \\u escape of a surrogate only as a pair`;
  }
  const control = CONTROL.exec(text);
  if (control) {
    return `${what} contains the control character ${codePoint(control[0])} at character ${control.index + 1}; text may hold newlines and tabs but no other control characters`;
  }
  return undefined;
}

/** The messages of the shape limits, shared with the JSON scanner (json-body.ts). */
export const SHAPE_PROBLEMS = {
  depth: (field: string, limit: number) => `${field || 'the input'} is nested more than ${limit} levels deep; no valid request is`,
  keysPerObject: (field: string, limit: number) => `${field || 'the input'} has more than ${limit} fields; an object may have at most ${limit}`,
  keys: (limit: number) => `the input has more than ${limit} fields in all; send less at once`,
  listItems: (field: string, limit: number) => `${field || 'the list'} has more than ${limit} items; a list may have at most ${limit}`,
  values: (limit: number) => `the input has more than ${limit} values in all; send less at once`,
};

class LimitPassed extends Error {
  constructor(readonly problem: FieldProblem) {
    super(problem.problems.join('; '));
  }
}

const join = (parent: string, key: string | number): string => (parent === '' ? String(key) : `${parent}.${key}`);
/** A field name as it may be shown in an answer: the checked name, or a short safe stand-in. */
const shown = (key: string): string => (key.length <= 100 && textProblem(key, '', 100) === undefined ? key : JSON.stringify(key.slice(0, 40)).slice(1, -1));

/**
 * Every problem of `value` (a parsed JSON body, a query object, path parameters), or [] when it
 * is within the limits. `root` prefixes the field paths (e.g. '' for a body).
 */
export function checkInput(value: unknown, limits: InputLimits = INPUT_LIMITS, root = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  let keys = 0;
  let values = 0;
  const shape = (field: string, problem: string): never => {
    throw new LimitPassed({ field, problems: [problem] });
  };
  const visit = (node: unknown, field: string, depth: number): void => {
    values += 1;
    if (values > limits.values) shape(field, SHAPE_PROBLEMS.values(limits.values));
    if (typeof node === 'string') {
      const problem = textProblem(node, field === '' ? 'the text' : field, limits.textLength);
      if (problem) problems.push({ field, problems: [problem] });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (depth >= limits.depth) shape(field, SHAPE_PROBLEMS.depth(field, limits.depth));
    if (Array.isArray(node)) {
      if (node.length > limits.listItems) shape(field, SHAPE_PROBLEMS.listItems(field, limits.listItems));
      node.forEach((item: unknown, index) => visit(item, join(field, index), depth + 1));
      return;
    }
    const names = Object.keys(node);
    if (names.length > limits.keysPerObject) shape(field, SHAPE_PROBLEMS.keysPerObject(field, limits.keysPerObject));
    keys += names.length;
    if (keys > limits.keys) shape(field, SHAPE_PROBLEMS.keys(limits.keys));
    for (const name of names) {
      const problem = FORBIDDEN_KEYS.has(name)
        ? `a field may not be called "${name}"`
        : textProblem(name, `the field name "${shown(name)}"`, limits.keyLength);
      if (problem) {
        problems.push({ field, problems: [problem] });
        continue;
      }
      visit((node as Record<string, unknown>)[name], join(field, name), depth + 1);
    }
  };
  try {
    visit(value, root, 0);
  } catch (error) {
    if (error instanceof LimitPassed) return [error.problem];
    throw error;
  }
  return problems;
}

/**
 * What is wrong with the text of a verified token's claims (user id, area, name), or undefined.
 * A token is signed, but the development secret lets anyone sign one: its claims reach SQL as
 * parameters like any input, so they are held to the same text rules (the guard answers 401).
 */
export function claimsProblem(actor: { id: string; areaId: string; name?: string }): string | undefined {
  const claims: Array<[string, string | undefined]> = [
    ['sub', actor.id],
    ['area', actor.areaId],
    ['name', actor.name],
  ];
  for (const [claim, value] of claims) {
    const problem = value === undefined ? undefined : textProblem(value, `The token's claim "${claim}"`, INPUT_LIMITS.keyLength * 2);
    if (problem) return problem;
  }
  return undefined;
}
