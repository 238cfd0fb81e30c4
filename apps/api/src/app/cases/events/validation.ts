/**
 * Validation building blocks shared by the event DTOs and the open-case DTO: a few decorators with
 * messages a person can act on ("reason is required", "scale must be a whole number from 0 to 10"),
 * length limits, and `validateBody()`, which turns class-validator's error tree into a flat list of
 * `{ field: 'actions.0.owner.agency', problems: [...] }`.
 */
import { Transform, Type as TransformType, plainToInstance } from 'class-transformer';
import {
  ValidateBy,
  ValidateIf,
  ValidateNested,
  validateSync,
  type ValidationArguments,
  type ValidationError,
  type ValidationOptions,
} from 'class-validator';
import { FRAMEWORK_ID_PATTERN, FRAMEWORK_LIMITS, nameCharacterProblem, normaliseText } from '@tacu/domain';
import { checkInput } from '../../input/check-input';
import { rememberValidationMetadata } from './validation-metadata-cache';

rememberValidationMetadata();

/** Length limits (characters) and list limits, so one request cannot carry a novel or a phone book. */
export const LIMITS = {
  /** Ids chosen by the system or the client (user ids, action ids, area ids). */
  id: 100,
  /** A person's name. */
  name: 200,
  /** A short label: an agency, a service, a location, a need category, a relationship. */
  label: 200,
  /** A reason or a short note. */
  reason: 2000,
  /** Narrative text: a view in someone's own words, a description, what was observed. */
  text: 10000,
  /** Meeting minutes. */
  minutes: 50000,
  /** People on a list (invitees, attendance). */
  people: 100,
  /** Items of an assessment, plan or review. */
  items: 100,
} as const;

export type FieldError = { field: string; problems: string[] };
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

// ---- decorators ------------------------------------------------------------------------------

/** Validate only when the field is present. `null` is not "absent": it is rejected as a wrong value. */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** Optional, except when `required(object)` holds (e.g. `reasonText` when the reason is `other`). */
export function OptionalUnless<T extends object>(required: (object: T) => boolean): PropertyDecorator {
  return ValidateIf((object: object, value: unknown) => value !== undefined || required(object as T));
}

const isPlainObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Stands for a list found where a list item should be an object (see IsNestedArray). */
const LIST_IN_LIST = Symbol('a list');

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value) || value === LIST_IN_LIST) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
};

/** A non-empty (not only blanks) string of at most `maxLength` characters. */
export function IsText(maxLength: number, options: { whenMissing?: string } & ValidationOptions = {}): PropertyDecorator {
  const { whenMissing, ...validationOptions } = options;
  return ValidateBy(
    {
      name: 'isText',
      constraints: [maxLength],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength,
        defaultMessage: ({ property, value }: ValidationArguments) => {
          if (value === undefined) return whenMissing ?? `${property} is required (text of at most ${maxLength} characters)`;
          if (typeof value !== 'string') return `${property} must be text, not ${describe(value)}`;
          if (value.trim().length === 0) return `${property} must not be empty`;
          return `${property} must be at most ${maxLength} characters (it has ${value.length})`;
        },
      },
    },
    validationOptions,
  );
}

/**
 * A person's name: text as `IsText`, without the bidirectional controls and invisible characters
 * that make one name display as another (libs/domain names.ts says which, and why the joiners
 * some scripts need stay allowed).
 */
export function IsName(maxLength: number = LIMITS.name): PropertyDecorator {
  return ValidateBy({
    name: 'isName',
    constraints: [maxLength],
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength && nameCharacterProblem(value) === null,
      defaultMessage: ({ property, value }: ValidationArguments) => {
        if (value === undefined) return `${property} is required (text of at most ${maxLength} characters)`;
        if (typeof value !== 'string') return `${property} must be text, not ${describe(value)}`;
        if (value.trim().length === 0) return `${property} must not be empty`;
        if (value.length > maxLength) return `${property} must be at most ${maxLength} characters (it has ${value.length})`;
        return `${property} ${nameCharacterProblem(value) ?? 'is not a name'}`;
      },
    },
  });
}

/** Every string of a parsed body in Unicode NFC: one spelling of "Seán" is stored, compared and found (libs/domain names.ts). */
function normalised(value: unknown): unknown {
  if (typeof value === 'string') return normaliseText(value);
  if (Array.isArray(value)) return value.map(normalised);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, normalised(child)]));
}

/** A list of non-empty strings: at most `maxItems`, each at most `maxLength` characters. */
export function IsTextList(maxItems: number, maxLength: number, minItems = 0): PropertyDecorator {
  const badItem = (value: unknown[]): number =>
    value.findIndex((item) => typeof item !== 'string' || item.trim().length === 0 || item.length > maxLength);
  return ValidateBy({
    name: 'isTextList',
    constraints: [maxItems, maxLength, minItems],
    validator: {
      validate: (value: unknown) =>
        Array.isArray(value) && value.length >= minItems && value.length <= maxItems && badItem(value) === -1,
      defaultMessage: ({ property, value }: ValidationArguments) => {
        if (value === undefined) return `${property} is required (a list of texts; it may be empty)`;
        if (!Array.isArray(value)) return `${property} must be a list of texts, not ${describe(value)}`;
        if (value.length < minItems) return `${property} needs at least ${minItems} item${minItems === 1 ? '' : 's'}`;
        if (value.length > maxItems) return `${property} may have at most ${maxItems} items (it has ${value.length})`;
        const index = badItem(value);
        const item: unknown = value[index];
        if (typeof item !== 'string') return `${property}.${index} must be text, not ${describe(item)}`;
        if (item.trim().length === 0) return `${property}.${index} must not be empty`;
        return `${property}.${index} must be at most ${maxLength} characters (it has ${item.length})`;
      },
    },
  });
}

/**
 * A field that must be left out when `when(object)` holds (e.g. the young person's consent form
 * has no "young person's consent" of its own); `message` says why and what to do.
 */
export function AbsentWhen<T extends object>(when: (object: T) => boolean, message: string): PropertyDecorator {
  return ValidateBy({
    name: 'absentWhen',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => value === undefined || !when(args?.object as T),
      defaultMessage: ({ property }: ValidationArguments) => `${property} ${message}`,
    },
  });
}

/**
 * A list of names that shares none with the lists `others` of the same object (names compared
 * without case and surrounding spaces), as `conflicts` finds them; `message(conflicting)` says
 * what is wrong and how to fix it.
 */
export function SharesNoneWith(conflicts: (object: Record<string, unknown>) => string[], message: (conflicting: string[]) => string): PropertyDecorator {
  return ValidateBy({
    name: 'sharesNoneWith',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => conflicts((args?.object ?? {}) as Record<string, unknown>).length === 0,
      defaultMessage: ({ object, property }: ValidationArguments) => `${property} ${message(conflicts(object as Record<string, unknown>))}`,
    },
  });
}

/** One of a closed list of words (a controlled vocabulary or a literal `type`). */
export function IsOneOf(values: readonly (string | number)[], options: { whenMissing?: string } = {}): PropertyDecorator {
  const list = values.join(', ');
  return ValidateBy({
    name: 'isOneOf',
    constraints: [values],
    validator: {
      validate: (value: unknown) => (typeof value === 'string' || typeof value === 'number') && values.includes(value),
      defaultMessage: ({ property, value }: ValidationArguments) =>
        value === undefined
          ? (options.whenMissing ?? `${property} is required: one of ${list}`)
          : values.length === 1
            ? `${property} must be ${list}`
            : `${property} must be one of ${list}`,
    },
  });
}

const FRAMEWORK_ID = new RegExp(FRAMEWORK_ID_PATTERN);

/**
 * The id of an outcome or a side of an outcome framework: a letter, then letters, digits, - or _.
 * Whether the case's framework has it is checked with the case (libs/domain framework.rules).
 */
export function IsFrameworkId(): PropertyDecorator {
  return ValidateBy({
    name: 'isFrameworkId',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && FRAMEWORK_ID.test(value),
      defaultMessage: ({ property, value }: ValidationArguments) =>
        value === undefined
          ? `${property} is required: the id of an outcome or side of the case's framework (record.outcomeFramework lists them)`
          : `${property} must be the id of an outcome or side of the case's framework: a letter, then letters, digits, - or _ (${FRAMEWORK_LIMITS.id} characters at most)`,
    },
  });
}

/** `true` or `false`; no "yes", 1 or "true". */
export function IsFlag(): PropertyDecorator {
  return ValidateBy({
    name: 'isFlag',
    validator: {
      validate: (value: unknown) => typeof value === 'boolean',
      defaultMessage: ({ property, value }: ValidationArguments) =>
        value === undefined ? `${property} is required: true or false` : `${property} must be true or false, not ${describe(value)}`,
    },
  });
}

/** A whole number from `min` to `max`. */
export function IsWholeNumber(min: number, max: number = Number.MAX_SAFE_INTEGER): PropertyDecorator {
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
  return ValidateBy({
    name: 'isWholeNumber',
    constraints: [min, max],
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
      defaultMessage: ({ property, value }: ValidationArguments) =>
        value === undefined ? `${property} is required: a whole number ${range}` : `${property} must be a whole number ${range}`,
    },
  });
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// Hours 00-23, minutes and seconds 00-59, up to 9 decimals, and a zone: Z or an offset up to ±14:00.
const INSTANT = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;
const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

/** True for a real calendar day written YYYY-MM-DD, year 0001 to 9999 (2026-02-30 is not one). */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: the latter reads years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True for an ISO 8601 instant with a time and a zone (Z or ±hh:mm) on a real calendar day. */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && isDay(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
}

/** Why `value` is not an instant, in words that say how to write one. */
export function instantProblem(property: string, value: unknown): string {
  const example = 'e.g. 2026-03-14T10:30:00Z or 2026-03-14T10:30:00+01:00';
  if (value === undefined) return `${property} is required: a date and time with a zone, ${example}`;
  if (typeof value === 'string' && ZONELESS.test(value)) {
    return `${property} has no time zone, so it could mean different instants: add Z (UTC) or an offset such as +01:00, e.g. ${value}Z`;
  }
  if (typeof value === 'string' && DAY.test(value)) return `${property} needs a time and a zone, e.g. ${value}T00:00:00Z`;
  return `${property} must be a real date and time with a zone, ${example}`;
}

/** A calendar day, YYYY-MM-DD. */
export function IsDay(): PropertyDecorator {
  return ValidateBy({
    name: 'isDay',
    validator: {
      validate: isDay,
      defaultMessage: ({ property, value }: ValidationArguments) =>
        value === undefined
          ? `${property} is required: a day written YYYY-MM-DD`
          : `${property} must be a real day written YYYY-MM-DD (e.g. 2026-03-14)`,
    },
  });
}

/** An instant: ISO 8601 date and time with a zone, e.g. 2026-03-14T10:30:00Z or 2026-03-14T10:30:00+01:00. */
export function IsInstant(): PropertyDecorator {
  return ValidateBy({
    name: 'isInstant',
    validator: {
      validate: isInstant,
      defaultMessage: ({ property, value }: ValidationArguments) => instantProblem(property, value),
    },
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function IsUuid(): PropertyDecorator {
  return ValidateBy({
    name: 'isUuid',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && UUID.test(value),
      defaultMessage: ({ property, value }: ValidationArguments) =>
        value === undefined ? `${property} is required: a UUID` : `${property} must be a UUID (e.g. 3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f)`,
    },
  });
}

const SHA256 = /^[0-9a-f]{64}$/;

/** A SHA-256 as the API shows it: 64 lowercase hexadecimal characters. */
export function IsSha256(): PropertyDecorator {
  return ValidateBy({
    name: 'isSha256',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && SHA256.test(value),
      defaultMessage: ({ property }: ValidationArguments) => `${property} must be a SHA-256: 64 lowercase hexadecimal characters, as GET /cases/{id}/documents lists them`,
    },
  });
}

/** A nested object validated by `cls` (its own unknown fields are rejected too); `whenMissing` says why it is needed. */
export function IsNestedObject(cls: () => new () => object, options: { whenMissing?: string } = {}): PropertyDecorator {
  const shape = ValidateBy({
    name: 'isNestedObject',
    validator: {
      validate: isPlainObject,
      defaultMessage: ({ property, value }: ValidationArguments) =>
        value === undefined ? (options.whenMissing ?? `${property} is required (an object)`) : `${property} must be an object, not ${describe(value)}`,
    },
  });
  const nested = ValidateNested();
  const type = TransformType(cls);
  return (target, key) => {
    shape(target, key);
    nested(target, key);
    type(target, key);
  };
}

/** A list of nested objects, each validated by `cls`. */
export function IsNestedArray(cls: () => new () => object, limits: { min?: number; max: number }): PropertyDecorator {
  const min = limits.min ?? 0;
  const shape = ValidateBy({
    name: 'isNestedArray',
    constraints: [min, limits.max],
    validator: {
      validate: (value: unknown) => Array.isArray(value) && value.length >= min && value.length <= limits.max,
      defaultMessage: ({ property, value }: ValidationArguments) => {
        if (value === undefined) return `${property} is required (a list${min === 0 ? '; it may be empty' : ''})`;
        if (!Array.isArray(value)) return `${property} must be a list, not ${describe(value)}`;
        if (value.length < min) return `${property} needs at least ${min} item${min === 1 ? '' : 's'}`;
        return `${property} may have at most ${limits.max} items (it has ${value.length})`;
      },
    },
  });
  const nested = ValidateNested({
    each: true,
    message: ({ value }: ValidationArguments) => `each item must be an object, not ${describe(value)}`,
  });
  const type = TransformType(cls);
  // ValidateNested would walk into an item that is itself a list and find nothing wrong: such an
  // item is replaced by a marker, which it reports as "not an object" (the value is invalid anyway).
  const listItemsAreNotObjects = Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((item: unknown) => (Array.isArray(item) ? LIST_IN_LIST : item)) : value,
  );
  return (target, key) => {
    shape(target, key);
    nested(target, key);
    type(target, key);
    listItemsAreNotObjects(target, key);
  };
}

/** No two items of the list share the same `key` (e.g. one rating per outcome, one id per action). */
export function HasUniqueItems(key: string): PropertyDecorator {
  const duplicate = (value: unknown[]): unknown => {
    const seen = new Set<unknown>();
    for (const item of value) {
      const id = isPlainObject(item) ? (item as Record<string, unknown>)[key] : undefined;
      if (id === undefined) continue;
      if (seen.has(id)) return id;
      seen.add(id);
    }
    return undefined;
  };
  return ValidateBy({
    name: 'hasUniqueItems',
    constraints: [key],
    validator: {
      validate: (value: unknown) => !Array.isArray(value) || duplicate(value) === undefined,
      defaultMessage: ({ property, value }: ValidationArguments) =>
        `${property} has ${key} ${JSON.stringify(duplicate(value as unknown[]))} more than once; each ${key} may appear once`,
    },
  });
}

/**
 * A view recorded in the person's own words, or the reason it could not be recorded: an object with
 * exactly one of `words` and `reasonNotRecorded` (each then checked by RecordedViewDto).
 */
export function IsRecordedView(cls: () => new () => object, whose: string): PropertyDecorator {
  const has = (value: unknown, key: string) => isPlainObject(value) && (value as Record<string, unknown>)[key] !== undefined;
  const exactlyOne = ValidateBy({
    name: 'isRecordedView',
    validator: {
      validate: (value: unknown) => isPlainObject(value) && has(value, 'words') !== has(value, 'reasonNotRecorded'),
      defaultMessage: ({ property, value }: ValidationArguments) => {
        const both = has(value, 'words') && has(value, 'reasonNotRecorded');
        if (both) return `${property} must have either words or reasonNotRecorded, not both`;
        const hint = `{ "words": ${whose} in their own words } or { "reasonNotRecorded": why they could not be recorded }`;
        if (value === undefined) return `${property} is required: ${hint}`;
        if (!isPlainObject(value)) return `${property} must be an object: ${hint}`;
        return `${property} must have words or reasonNotRecorded: ${hint}`;
      },
    },
  });
  const nested = ValidateNested();
  const type = TransformType(cls);
  return (target, key) => {
    exactlyOne(target, key);
    nested(target, key);
    type(target, key);
  };
}

// ---- running the validation -------------------------------------------------------------------

/**
 * Flattens class-validator's tree into dotted paths. When a field itself is wrong (missing, not an
 * object, not a list) only that is reported, not the problems of what is inside it.
 */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = { ...(error.constraints ?? {}) };
    const own = Object.keys(constraints).filter((name) => name !== 'nestedValidation');
    if (own.length > 0) delete constraints['nestedValidation'];
    const problems = Object.values(constraints);
    if (problems.length > 0) out.push({ field, problems });
    if (own.length === 0 && error.children?.length) out.push(...toFieldErrors(error.children, field));
  }
  return out;
}

/**
 * Builds `cls` from a parsed JSON body and validates it: first the limits and text rules of
 * `checkInput` (input/check-input.ts), then the DTO: unknown fields are rejected ("property X
 * should not exist") and every invalid field is reported. On success the value is returned as
 * plain data (no class prototypes, no undefined keys).
 */
export function validateBody<T>(cls: new () => object, body: object): ParseResult<T> {
  // The boundary check again, for bodies that did not come through HTTP (the seed, other callers).
  const input = checkInput(body);
  if (input.length > 0) return { ok: false, errors: input };
  const instance = plainToInstance(cls, body);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) return { ok: false, errors: toFieldErrors(errors) };
  return { ok: true, value: normalised(JSON.parse(JSON.stringify(instance))) as T };
}

export { isPlainObject };
