/**
 * What a next-step form holds when it is first shown (issue 15 §5), and what the case offers to
 * choose from. Pure, from what `CasesService.get` answered the same person:
 * - the choices: the case's people (the family, then its lead practitioner and the person signed
 *   in), the outcomes, sides and scale of the case's outcome framework, the actions of its plan,
 *   the area's lead practitioners (given by the caller, only for a form that asks for one), the
 *   current plan's documents sent for sign-off (given by the caller, for the sign-off form);
 * - the defaults: a row per outcome of the framework for ratings, a row per action of the plan
 *   for progress, the plan's current actions to redraft it, the plan's version to sign, the case's
 *   lead practitioner to register, the plan document most likely signed (the latest for the family
 *   in the family's language, planDocumentChoices); a new action's "not started" is the view's
 *   (form-body's defaultChoiceOf, for rows added later too); nothing else is filled in for the person.
 */
import type { LocalisedText } from '@tacu/domain';
import type { CaseResponse } from '../../cases/cases.dto';
import type { PageLocale } from '../locale';
import type { FieldSpec } from './field-model';
import { pathName, SOMEONE_ELSE, type FormBody } from './form-body';
import type { Choice, FormChoices } from './form-view';
import type { Worded } from './form-wording';

const localised = (text: LocalisedText | undefined, locale: PageLocale): Worded =>
  text?.[locale] !== undefined ? { text: text[locale] as string, lang: locale } : { text: text?.en ?? '', lang: 'en' };

interface FrameworkRecord {
  outcomes?: Array<{ id: string; label: LocalisedText }>;
  sides?: Array<{ id: string; label: LocalisedText }>;
  scale?: { labels?: Array<{ value: number; label: LocalisedText }> };
}

interface PlanRecord {
  version?: number;
  actions?: Array<Record<string, unknown> & { id: string; what?: string }>;
}

const planOf = (found: CaseResponse): PlanRecord => (found.record['plan'] ?? {}) as PlanRecord;

/** A plan document sent to the family for sign-off, as the sign-off form offers it. */
export interface PlanDocumentChoice {
  sha256: string;
  /** The document's issue number (each issue of the plan's document is a new version). */
  version: number;
  audience: 'professional' | 'family';
  locale: string;
  /** The local day it was issued (YYYY-MM-DD). */
  issuedOn: string;
}

/**
 * The sign-off form's documents, most likely signed first: the family's version before the
 * professionals', the family's language (`familyLocale`) before others, the latest issue first.
 * The first is the default: a family signs the plain-language version in the language they read.
 */
export function planDocumentChoices(documents: readonly PlanDocumentChoice[], familyLocale: string, locale: PageLocale, words: (document: PlanDocumentChoice) => string): Choice[] {
  const rank = (d: PlanDocumentChoice): number => (d.audience === 'family' ? 0 : 2) + (d.locale === familyLocale ? 0 : 1);
  return [...documents]
    .sort((a, b) => rank(a) - rank(b) || b.version - a.version)
    .map((d) => ({ value: d.sha256, text: { text: words(d), lang: locale } }));
}

/** A user of the area offered as a lead practitioner. */
export interface LeadChoice {
  id: string;
  name: string;
}

/** What the case offers to choose from, in the page's language. */
export function choicesOf(
  found: CaseResponse,
  practitioners: ReadonlyArray<{ id: string; name: string; note: Worded }>,
  leads: readonly LeadChoice[],
  locale: PageLocale,
  planDocuments: readonly Choice[] = [],
): { choices: FormChoices; people: Map<string, string> } {
  const framework = (found.record['outcomeFramework'] ?? {}) as FrameworkRecord;
  const people = new Map<string, string>();
  const personChoices: Choice[] = [];
  for (const member of found.familyMembers) {
    if (people.has(member.id)) continue;
    people.set(member.id, member.name);
    personChoices.push({ value: member.id, text: { text: `${member.name} (${member.relationship})`, lang: locale } });
  }
  for (const practitioner of practitioners) {
    if (people.has(practitioner.id)) continue;
    people.set(practitioner.id, practitioner.name);
    personChoices.push({ value: practitioner.id, text: { text: `${practitioner.name} (${practitioner.note.text})`, lang: practitioner.note.lang } });
  }
  const choices: FormChoices = {
    people: personChoices,
    outcomes: (framework.outcomes ?? []).map((o) => ({ value: o.id, text: localised(o.label, locale) })),
    sides: (framework.sides ?? []).map((s) => ({ value: s.id, text: localised(s.label, locale) })),
    scale: (framework.scale?.labels ?? []).map((point) => {
      const label = localised(point.label, locale);
      return { value: String(point.value), text: { text: `${point.value}: ${label.text}`, lang: label.lang } };
    }),
    actions: (planOf(found).actions ?? []).map((a) => ({ value: a.id, text: { text: `${a.id}: ${String(a.what ?? '').slice(0, 120)}`, lang: locale } })),
    leadPractitioners: leads.map((lead) => ({ value: lead.id, text: { text: lead.name, lang: locale } })),
    planDocuments: [...planDocuments],
  };
  return { choices, people };
}

/** Whether a form has a field whose options come from `source` (e.g. it needs the area's lead practitioners). */
export function hasSource(fields: readonly FieldSpec[], source: FieldSpec['source']): boolean {
  return fields.some((f) => f.source === source || hasSource(f.children ?? [], source));
}

/** A value of the case's record written into the form's names (the inverse of form-body.ts), for a list's rows. */
function writeValue(field: FieldSpec, path: (string | number)[], value: unknown, people: ReadonlyMap<string, string>, into: FormBody): void {
  const name = pathName(path);
  if (value === undefined || value === null) return;
  switch (field.kind) {
    case 'text':
    case 'textarea':
    case 'number':
    case 'choice':
      into[name] = String(value);
      return;
    case 'yesNo':
      into[name] = value === true ? 'yes' : 'no';
      return;
    case 'day': {
      const [year, month, day] = String(value).split('-');
      Object.assign(into, { [`${name}.day`]: String(Number(day)), [`${name}.month`]: String(Number(month)), [`${name}.year`]: year });
      return;
    }
    case 'textList':
      into[name] = Array.isArray(value) ? value.join('\n') : '';
      return;
    case 'group':
      writeObject(field.children ?? [], path, value as Record<string, unknown>, people, into);
      return;
    case 'person':
      writePerson(name, value as { name?: string; personId?: string }, people, into);
      return;
    default:
      return;
  }
}

function writePerson(name: string, person: { name?: string; personId?: string }, people: ReadonlyMap<string, string>, into: FormBody): void {
  if (person.personId !== undefined && people.has(person.personId)) into[`${name}.person`] = person.personId;
  else if (person.name !== undefined) Object.assign(into, { [`${name}.person`]: SOMEONE_ELSE, [`${name}.name`]: person.name });
}

function writeObject(fields: readonly FieldSpec[], path: (string | number)[], value: Record<string, unknown>, people: ReadonlyMap<string, string>, into: FormBody): void {
  for (const field of fields) {
    if (field.key === '') writePerson(pathName(path), value as { name?: string; personId?: string }, people, into);
    else writeValue(field, [...path, field.key], value[field.key], people, into);
  }
}

/** The form's content when first shown. */
export function defaultsOf(eventType: string, fields: readonly FieldSpec[], found: CaseResponse, choices: FormChoices, people: ReadonlyMap<string, string>): FormBody {
  const body: FormBody = {};
  const plan = planOf(found);
  const walk = (specs: readonly FieldSpec[], path: (string | number)[]): void => {
    for (const field of specs) {
      if (field.key === '') continue;
      const here = [...path, field.key];
      const name = pathName(here);
      if (field.kind === 'group') walk(field.children ?? [], here);
      if (field.kind === 'list') {
        const children = field.children ?? [];
        const rowsOf = (values: readonly string[], key: string): void => {
          body[`${name}._rows`] = String(Math.max(values.length, 1));
          values.forEach((value, row) => (body[`${name}.${row}.${key}`] = value));
        };
        if (children.some((c) => c.source === 'outcome') && choices.outcomes.length > 0) rowsOf(choices.outcomes.map((o) => o.value), 'outcome');
        else if (children.some((c) => c.source === 'action') && choices.actions.length > 0) rowsOf(choices.actions.map((a) => a.value), 'actionId');
        else if (eventType === 'DRAFT_PLAN' && field.key === 'actions' && (plan.actions ?? []).length > 0) {
          const actions = plan.actions ?? [];
          body[`${name}._rows`] = String(actions.length);
          actions.forEach((action, row) => writeObject(children, [...here, row], action, people, body));
        }
      }
      if (field.key === 'planVersion' && plan.version !== undefined && plan.version > 0) body[name] = String(plan.version);
      if (field.source === 'planDocument' && choices.planDocuments[0] !== undefined) body[name] = choices.planDocuments[0].value;
      if (field.key === 'leadPractitionerId' && found.leadPractitionerId !== null) body[name] = found.leadPractitionerId;
    }
  };
  walk(fields, []);
  return body;
}
