/**
 * An event's schema as the fields of a form (issue 15 §5). Pure: from the OpenAPI schema of one
 * event (event-schemas.ts) to a tree of field specs, each of one kind:
 * - text → a text input, or a textarea when it may be longer than a line (maxLength over 200);
 * - boolean → yes/no radios; an enum → radios (or a select when it has many values);
 * - a day (`format: date`) → the three boxes of a date input; an instant (`format: date-time`) →
 *   a date input and a time, read on the organisation's time zone;
 * - an integer → a number input (radios of the case's scale for an outcome rating);
 * - a list of texts → a textarea, one per line;
 * - a person (an object of `name` and `personId`) → a choice of the case's people or someone
 *   else by name; a list of persons → checkboxes of the case's people and other names;
 * - an outcome or a side of the case's framework, an action of its plan, a lead practitioner →
 *   a choice of those the case (or the area) has;
 * - another object → a fieldset of its own fields; a list of objects → repeated fieldsets.
 * The `type` discriminator is the form's own (from its address). A document's SHA-256 is a choice
 * of the plan documents sent for sign-off (a person signs the very document they read).
 */
import type { SchemaObject } from '@nestjs/swagger';
import type { CaseEventType } from '@tacu/domain';
import type { EventSchemaSet } from './event-schemas';

export type FieldKind = 'text' | 'textarea' | 'number' | 'yesNo' | 'choice' | 'day' | 'dateTime' | 'textList' | 'person' | 'people' | 'group' | 'list';

/** Where a choice's options come from, when not from the schema's enum. */
export type OptionSource = 'outcome' | 'side' | 'scale' | 'action' | 'leadPractitioner' | 'planDocument';

export interface FieldSpec {
  /** The property's name in its object; '' for a person merged into its object (its `name` and `personId`). */
  key: string;
  kind: FieldKind;
  required: boolean;
  /** The DTO's description: the label's last fallback. */
  description: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  /** The values of an enum. */
  options?: readonly string[];
  source?: OptionSource;
  /** The fields of a group, or of each item of a list. */
  children?: FieldSpec[];
}

/** Properties the form never shows (see the module's comment). */
const NOT_ON_FORMS = new Set(['type']);
/** Text up to this length is one line; longer text is a textarea. */
const ONE_LINE = 200;
/** An enum with more values than this is a select rather than radios. */
const MOST_RADIOS = 8;

/** Fields whose options come from the case (by the property's name and shape). */
function sourceOf(key: string, schema: SchemaObject): OptionSource | undefined {
  if (schema.type === 'string' && schema.pattern !== undefined && key === 'outcome') return 'outcome';
  if (schema.type === 'string' && schema.pattern !== undefined && key === 'side') return 'side';
  if (schema.type === 'integer' && key === 'rating') return 'scale';
  if (schema.type === 'string' && key === 'actionId') return 'action';
  if (schema.type === 'string' && key === 'leadPractitionerId') return 'leadPractitioner';
  if (schema.type === 'string' && key === 'documentSha256') return 'planDocument';
  return undefined;
}

const isPersonShape = (schema: SchemaObject): boolean => schema.type === 'object' && schema.properties?.['name'] !== undefined && schema.properties['personId'] !== undefined;
const isPurePerson = (schema: SchemaObject): boolean => isPersonShape(schema) && Object.keys(schema.properties ?? {}).length === 2;

/** The fields of an object schema (an event, a nested object, a list's item). */
export function objectFields(schema: SchemaObject, schemas: EventSchemaSet): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  const fields: FieldSpec[] = [];
  if (isPersonShape(schema)) {
    fields.push({ key: '', kind: 'person', required: required.has('name'), description: schema.description ?? '' });
  }
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    if (NOT_ON_FORMS.has(key)) continue;
    if (isPersonShape(schema) && (key === 'name' || key === 'personId')) continue;
    fields.push(fieldOf(key, schemas.resolve(raw), required.has(key), schemas));
  }
  return fields;
}

/** One property as a field. */
export function fieldOf(key: string, schema: SchemaObject, required: boolean, schemas: EventSchemaSet): FieldSpec {
  const base = { key, required, description: schema.description ?? '' };
  const source = sourceOf(key, schema);
  if (source === 'scale') return { ...base, kind: 'choice', source, ...(schema.minimum !== undefined ? { minimum: schema.minimum } : {}), ...(schema.maximum !== undefined ? { maximum: schema.maximum } : {}) };
  if (source !== undefined) return { ...base, kind: 'choice', source, ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}) };
  if (Array.isArray(schema.enum)) {
    return { ...base, kind: 'choice', options: schema.enum.map(String) };
  }
  switch (schema.type) {
    case 'boolean':
      return { ...base, kind: 'yesNo' };
    case 'integer':
    case 'number':
      return { ...base, kind: 'number', ...(schema.minimum !== undefined ? { minimum: schema.minimum } : {}), ...(schema.maximum !== undefined ? { maximum: schema.maximum } : {}) };
    case 'string':
      if (schema.format === 'date') return { ...base, kind: 'day' };
      if (schema.format === 'date-time') return { ...base, kind: 'dateTime' };
      return { ...base, kind: (schema.maxLength ?? Infinity) > ONE_LINE ? 'textarea' : 'text', ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}) };
    case 'array': {
      const items = schemas.resolve(schema.items ?? {});
      const counts = { ...(schema.minItems !== undefined ? { minItems: schema.minItems } : {}), ...(schema.maxItems !== undefined ? { maxItems: schema.maxItems } : {}) };
      if (items.type === 'string') return { ...base, ...counts, kind: 'textList', ...(items.maxLength !== undefined ? { maxLength: items.maxLength } : {}) };
      if (isPurePerson(items)) return { ...base, ...counts, kind: 'people' };
      return { ...base, ...counts, kind: 'list', children: objectFields(items, schemas) };
    }
    case 'object':
    default:
      if (isPurePerson(schema)) return { ...base, kind: 'person' };
      return { ...base, kind: 'group', children: objectFields(schema, schemas) };
  }
}

/** The fields of `type`'s form, from its schema in the OpenAPI document. */
export function eventFields(type: CaseEventType, schemas: EventSchemaSet): FieldSpec[] {
  return objectFields(schemas.eventSchema(type), schemas);
}

/** Whether an enum is long enough to be a select rather than radios. */
export function asSelect(optionCount: number): boolean {
  return optionCount > MOST_RADIOS;
}
