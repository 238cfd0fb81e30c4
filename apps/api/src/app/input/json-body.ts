/**
 * The JSON body parser of the API (in place of Fastify's): the bytes must be UTF-8 (an invalid
 * byte is refused, not replaced with U+FFFD), the shape of the text within the limits before
 * JSON.parse builds anything (`scanJsonShape`), the text JSON, and the value within the rules of
 * `checkInput`, all before any DTO or class-validator sees it. Refusals are 400 problems; a body
 * over INPUT_LIMITS.bodyBytes is refused by Fastify with 413 before it is read.
 */
import { BadRequestException } from '@nestjs/common';
import { ValidationFailed, type FieldProblem } from '../errors/validation-failed';
import { checkInput, SHAPE_PROBLEMS, type InputLimits } from './check-input';
import { INPUT_LIMITS } from './input-limits';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bodies already checked by `parseJsonBody`, so the request hook does not walk them again. */
const checkedBodies = new WeakSet<object>();

/** Whether `body` came through `parseJsonBody` (objects and lists only; other values are cheap to check again). */
export function wasChecked(body: unknown): boolean {
  return typeof body === 'object' && body !== null && checkedBodies.has(body);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Index of the quote that closes the JSON string opened at `open` (text.length if none). */
function stringEnd(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at !== -1) {
    let backslashes = 0;
    for (let k = at - 1; k > open && text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return text.length;
}

/**
 * The shape of JSON text against the limits (depth, fields per object and in all, items per list,
 * values in all), read before JSON.parse builds anything: it stops at the first limit passed, so
 * refusing a body of 80,000 fields reads its first 65. It only counts, and tolerates text that is
 * not JSON (JSON.parse then says what is wrong with it). Field names in the answer are as written.
 */
export function scanJsonShape(text: string, limits: InputLimits = INPUT_LIMITS): FieldProblem | undefined {
  const stack: { list: boolean; count: number; label: string }[] = [];
  let keys = 0;
  let values = 0;
  let expecting: 'value' | 'key' | 'none' = 'value';
  let lastKey = '';
  const fieldOf = (extra?: string): string => [...stack.slice(1).map((open) => open.label), ...(extra === undefined ? [] : [extra])].join('.');
  const problem = (field: string, text: string): FieldProblem => ({ field, problems: [text] });
  const startValue = (): FieldProblem | undefined => {
    expecting = 'none';
    const top = stack[stack.length - 1];
    if (top?.list) top.count += 1;
    values += 1;
    if (values > limits.values) {
      const label = top === undefined ? undefined : top.list ? String(top.count - 1) : lastKey;
      return problem(fieldOf(label), SHAPE_PROBLEMS.values(limits.values));
    }
    if (top?.list && top.count > limits.listItems) return problem(fieldOf(), SHAPE_PROBLEMS.listItems(fieldOf(), limits.listItems));
    return undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (expecting === 'key' && top && !top.list) {
        expecting = 'none';
        lastKey = text.slice(i + 1, Math.min(end, i + 1 + limits.keyLength));
        top.count += 1;
        keys += 1;
        if (top.count > limits.keysPerObject) return problem(fieldOf(), SHAPE_PROBLEMS.keysPerObject(fieldOf(), limits.keysPerObject));
        if (keys > limits.keys) return problem(fieldOf(), SHAPE_PROBLEMS.keys(limits.keys));
      } else {
        const passed = startValue();
        if (passed) return passed;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      // { or [
      const parent = stack[stack.length - 1];
      const passed = startValue();
      if (passed) return passed;
      const label = parent === undefined ? '' : parent.list ? String(parent.count - 1) : lastKey;
      if (stack.length >= limits.depth) return problem(fieldOf(label), SHAPE_PROBLEMS.depth(fieldOf(label), limits.depth));
      stack.push({ list: c === 0x5b, count: 0, label });
      expecting = c === 0x5b ? 'value' : 'key';
    } else if (c === 0x7d || c === 0x5d) {
      // } or ]
      stack.pop();
      expecting = 'none';
    } else if (c === 0x2c) {
      // ,
      expecting = stack[stack.length - 1]?.list === false ? 'key' : 'value';
    } else if (c === 0x3a) {
      // :
      expecting = 'value';
    } else if (expecting === 'value' && c > 0x20) {
      // The first character of a number, true, false or null; the rest of it is not counted.
      const passed = startValue();
      if (passed) return passed;
    }
  }
  return undefined;
}

/**
 * Decodes, parses and checks a JSON request body. Throws BadRequestException (not UTF-8, empty,
 * not JSON) or ValidationFailed (the problems of `checkInput`).
 */
export function parseJsonBody(bytes: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new BadRequestException('The body is not valid UTF-8: send JSON text encoded as UTF-8.');
  }
  if (text.trim() === '') {
    throw new BadRequestException('The body is empty but Content-Type says application/json: send a JSON object, or no Content-Type with no body.');
  }
  const shape = scanJsonShape(text);
  if (shape) throw new ValidationFailed([shape]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BadRequestException(`The body is not valid JSON (${(error as Error).message.slice(0, 200)}): send a JSON object.`);
  }
  const problems = checkInput(value);
  if (problems.length > 0) throw new ValidationFailed(problems);
  if (typeof value === 'object' && value !== null) checkedBodies.add(value);
  return value;
}
