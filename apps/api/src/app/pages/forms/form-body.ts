/**
 * A sent form as the event it stands for (issue 15 §5). Pure: the urlencoded body (flat names such
 * as `preRequestChecklist.ratings.0.rating`, as the form's inputs are named) and the form's fields
 * (field-model.ts) in, the event body out, each value coerced to its schema's type:
 * - a blank answer is left out (the event's validation then says what is missing);
 * - yes/no → true/false; an integer → a number (anything else is passed on as typed, for the
 *   validation to refuse in its own words); a day's three boxes → YYYY-MM-DD; a day and a time →
 *   an instant on the organisation's time zone;
 * - a list of texts → one per non-blank line; a person → `{ name, personId }` of one of the case's
 *   people (never trusted: the API checks whom an event may name) or `{ name }` of someone else;
 * - a list's rows in order, blank rows dropped (a row holding only what the form filled in for
 *   it, an outcome or an action, is blank); an action without an id gets the next free `aN`.
 * Who acts is never read from the form: it is the session's person.
 */
import { DateTime } from 'luxon';
import type { FieldSpec } from './field-model';

/** A form as Fastify parses it: each name, its value (or values, for checkboxes). */
export type FormBody = Record<string, string | string[] | undefined>;

/** What a form needs besides the body: who the case's people are, the organisation's time zone. */
export interface FormContext {
  /** The people a form offers to choose (a family member's id or a user's id → their name). */
  people: ReadonlyMap<string, string>;
  timeZone: string;
  /** The event the form stands for (set by formToEvent): which choices the form made by default. */
  eventType?: string;
}

/** The event and, for each list, which row of the form each item of the event came from. */
export interface ParsedForm {
  event: Record<string, unknown>;
  /** A list's path (`actions`) → the form's row index of each item of the event's list. */
  rowMaps: Map<string, number[]>;
}

/** The value "someone else" of a person's choice. */
export const SOMEONE_ELSE = '_other';
/** The fields of a list's row that the form fills in itself: alone, they leave the row blank. */
const FILLED_BY_FORM = new Set(['outcome', 'actionId', 'id']);
/**
 * A choice the form makes for the person: a new action of a plan has not started (it is being
 * written), so "Where it stands" starts at "not started" instead of asking. Null when the form
 * makes none for `path`.
 */
export function defaultChoiceOf(eventType: string, path: readonly (string | number)[]): string | null {
  return eventType === 'DRAFT_PLAN' && path.length === 3 && path[0] === 'actions' && path[2] === 'status' ? 'notStarted' : null;
}

/** The most rows of a list a form holds (the API's own limit is 100). */
export const MOST_ROWS = 100;

export function pathName(path: readonly (string | number)[]): string {
  return path.join('.');
}

/** The first value of a name (a text box sends one). */
export function one(body: FormBody, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Every value of a name (checkboxes send several, or one, or none). */
export function all(body: FormBody, name: string): string[] {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const blank = (text: string): boolean => text.trim() === '';

/** The rows a list's form holds: as the form said (a hidden count), within 1 and MOST_ROWS. */
export function rowCount(body: FormBody, listName: string): number {
  const said = Number(one(body, `${listName}._rows`));
  return Number.isInteger(said) && said >= 1 ? Math.min(said, MOST_ROWS) : 1;
}

/** A day from the three boxes, YYYY-MM-DD when each is a number; otherwise what was typed, for the validation to refuse. */
export function dayOf(day: string, month: string, year: string): string | undefined {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (d === '' && m === '' && y === '') return undefined;
  if (/^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y)) return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return `${y}-${m}-${d}`;
}

/** A day and a time (HH:MM, or H.MM) on `timeZone` as an instant with its offset; what was typed when either is not real. */
export function instantOf(day: string | undefined, time: string, timeZone: string): string | undefined {
  const t = time.trim();
  if (day === undefined && t === '') return undefined;
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(t);
  const parts = day !== undefined ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  if (match && parts) {
    const at = DateTime.fromObject({ year: Number(parts[1]), month: Number(parts[2]), day: Number(parts[3]), hour: Number(match[1]), minute: Number(match[2]) }, { zone: timeZone });
    if (at.isValid && at.hour === Number(match[1])) return at.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? undefined;
  }
  return `${day ?? ''}T${t}`;
}

function valueOf(field: FieldSpec, path: (string | number)[], body: FormBody, context: FormContext, rowMaps: Map<string, number[]>): unknown {
  const name = pathName(path);
  switch (field.kind) {
    case 'text':
    case 'textarea': {
      const text = one(body, name);
      return blank(text) ? undefined : text;
    }
    case 'number': {
      const text = one(body, name).trim();
      if (text === '') return undefined;
      return /^-?\d+$/.test(text) ? Number(text) : text;
    }
    case 'choice': {
      const text = one(body, name).trim();
      if (text === '') return undefined;
      return field.source === 'scale' && /^\d+$/.test(text) ? Number(text) : text;
    }
    case 'yesNo': {
      const text = one(body, name);
      return text === 'yes' ? true : text === 'no' ? false : undefined;
    }
    case 'day':
      return dayOf(one(body, `${name}.day`), one(body, `${name}.month`), one(body, `${name}.year`));
    case 'dateTime':
      return instantOf(dayOf(one(body, `${name}.day`), one(body, `${name}.month`), one(body, `${name}.year`)), one(body, `${name}.time`), context.timeZone);
    case 'textList': {
      const lines = one(body, name)
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
      return lines.length > 0 || field.required ? lines : undefined;
    }
    case 'person':
      return personOf(body, name, context);
    case 'people': {
      const chosen = all(body, name)
        .filter((id) => context.people.has(id))
        .map((id) => ({ name: context.people.get(id) as string, personId: id }));
      const others = one(body, `${name}.others`)
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map((other) => ({ name: other }));
      const people = [...chosen, ...others];
      return people.length > 0 || field.required ? people : undefined;
    }
    case 'group':
      return objectOf(field.children ?? [], path, body, context, rowMaps);
    case 'list': {
      const items: Record<string, unknown>[] = [];
      const rows: number[] = [];
      const children = field.children ?? [];
      for (let row = 0; row < rowCount(body, name); row++) {
        const item = objectOf(children, [...path, row], body, context, rowMaps);
        // A row holding only what the form filled in for it (its outcome, its action, a default choice) is blank.
        const filledByForm = (key: string): boolean => FILLED_BY_FORM.has(key) || (item !== undefined && item[key] === defaultChoiceOf(context.eventType ?? '', [...path, row, key]));
        if (item === undefined || Object.keys(item).every(filledByForm)) continue;
        items.push(item);
        rows.push(row);
      }
      if (children.some((c) => c.key === 'id' && c.kind === 'text')) giveIds(items);
      rowMaps.set(name, rows);
      return items.length > 0 || field.required ? items : undefined;
    }
  }
}

/** Actions the form sent without an id get the next free `a1`, `a2`... */
function giveIds(items: Record<string, unknown>[]): void {
  const taken = new Set(items.map((item) => item['id']).filter((id) => id !== undefined));
  let next = 1;
  for (const item of items) {
    if (item['id'] !== undefined) continue;
    while (taken.has(`a${next}`)) next++;
    item['id'] = `a${next}`;
    taken.add(`a${next}`);
  }
}

/** A person chosen (`<name>.person`: one of the case's people, or someone else named in `<name>.name`). */
function personOf(body: FormBody, name: string, context: FormContext): { name: string; personId?: string } | undefined {
  const chosen = one(body, `${name}.person`);
  if (chosen !== '' && chosen !== SOMEONE_ELSE && context.people.has(chosen)) return { name: context.people.get(chosen) as string, personId: chosen };
  const typed = one(body, `${name}.name`);
  if (chosen === SOMEONE_ELSE || (chosen === '' && !blank(typed))) return blank(typed) ? undefined : { name: typed.trim() };
  return undefined;
}

/** An object's fields (a person merged in it adds `name` and `personId`); undefined when nothing of it was answered. */
function objectOf(fields: readonly FieldSpec[], path: (string | number)[], body: FormBody, context: FormContext, rowMaps: Map<string, number[]>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.key === '') {
      const person = personOf(body, pathName(path), context);
      if (person) Object.assign(out, person);
      continue;
    }
    const value = valueOf(field, [...path, field.key], body, context, rowMaps);
    if (value !== undefined) out[field.key] = value;
  }
  // Lists the form always sends (possibly empty) do not make an object answered on their own.
  const answered = Object.values(out).some((value) => !Array.isArray(value) || value.length > 0);
  return answered ? out : undefined;
}

/** The event a form stands for: its `type` (from the form's address) and its fields as sent. */
export function formToEvent(type: string, fields: readonly FieldSpec[], body: FormBody, context: FormContext): ParsedForm {
  const rowMaps = new Map<string, number[]>();
  const event: Record<string, unknown> = { type };
  const withType = { ...context, eventType: type };
  for (const field of fields) {
    const value = valueOf(field, [field.key], body, withType, rowMaps);
    if (value !== undefined) event[field.key] = value;
  }
  return { event, rowMaps };
}
