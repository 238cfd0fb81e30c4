/**
 * Why a next-step form was not recorded, in the GOV.UK Design System's way (issue 15 §5): an error
 * summary at the top, each item linking to its field, and each field's error beside it.
 * - A ValidationFailed (400) names fields by their path in the event (`actions.1.owner.agency`):
 *   each is brought back to the form's row (blank rows were left out of the event), given to the
 *   field that owns it and said in the page's words ("Enter an answer to “Why…”"); a problem the
 *   pages have no words for (a rule of the practice model about that field) is the API's own
 *   sentence, the property's name replaced by the field's label.
 * - GUARD_FAILED (422): the rules' reasons, in plain words, each event named by its title.
 * - VERSION_CONFLICT: someone changed the case since the form was opened: nothing is overwritten.
 * - EVENT_NOT_ALLOWED, ROLE_NOT_PERMITTED (or a refusal of the action's scope), an idempotency key
 *   used for something else: each its sentence, with a way on.
 */
import { ForbiddenException } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@tacu/domain';
import { ValidationFailed, type FieldProblem } from '../../errors/validation-failed';
import { wordingText, type PageLocale } from '../locale';
import { reasonInWords } from './form-wording';
import { ownerOf, type BuiltForm, type FieldView } from './form-view';

export interface SummaryItem {
  text: string;
  /** Where the item links: a field (`#id`) or a page. */
  href?: string;
  /** The language of the words when it is not the page's (the API's own sentences are English). */
  lang?: string;
}

export interface FormFailure {
  status: number;
  summary: SummaryItem[];
}

/** The API's field path as the form names it: each list index brought back to the row of the form it came from. */
export function formPathOf(path: string, rowMaps: ReadonlyMap<string, readonly number[]>): string {
  const parts = path.split('.');
  for (let i = 1; i < parts.length; i++) {
    const rows = rowMaps.get(parts.slice(0, i).join('.'));
    const index = Number(parts[i]);
    if (rows && Number.isInteger(index) && rows[index] !== undefined) parts[i] = String(rows[index]);
  }
  return parts.join('.');
}

const CHOSEN = new Set(['field-radios', 'field-select', 'field-yes-no', 'field-person']);

/** One problem of a field in the page's words (or the API's sentence, the property named by its label). */
export function problemInWords(problem: string, owner: FieldView, property: string, locale: PageLocale): { text: string; lang?: string } {
  const label = owner.label;
  const say = (key: string, params: Record<string, unknown> = {}) => ({ text: wordingText(locale, key, { label, ...params }) });
  if (/ is required|must not be empty/.test(problem)) {
    if (owner.partial === 'field-date') return say('forms.error.enterDate');
    if (owner.partial === 'field-list' || owner.partial === 'field-people') return say('forms.error.addOne');
    if (owner.partial === 'field-group') return say('forms.error.answerGroup');
    return say(CHOSEN.has(owner.partial) ? 'forms.error.choose' : 'forms.error.enter');
  }
  const tooLong = /must be at most (\d+) characters/.exec(problem);
  if (tooLong) return say('forms.error.tooLong', { max: tooLong[1] });
  if (/needs at least \d+ item/.test(problem)) return say('forms.error.addOne');
  if (/must be a real day/.test(problem)) return say('forms.error.realDate');
  if (/must be a real date and time|has no time zone|needs a time and a zone/.test(problem)) return say('forms.error.realDateTime');
  if (/must be a whole number/.test(problem)) return say('forms.error.wholeNumber');
  if (/must be one of|must be true or false/.test(problem)) return say('forms.error.choose');
  if (/must have (either )?words or reasonNotRecorded/.test(problem)) return say('forms.error.oneView');
  const text = problem.startsWith(`${property} `) ? `“${label}” ${problem.slice(property.length + 1)}` : problem;
  return { text, ...(locale !== 'en' ? { lang: 'en' } : {}) };
}

/** Field problems of a ValidationFailed, each beside its field and in the summary (one per field). */
export function fieldErrors(problems: readonly FieldProblem[], rowMaps: ReadonlyMap<string, readonly number[]>, built: BuiltForm, locale: PageLocale): SummaryItem[] {
  const summary: SummaryItem[] = [];
  for (const { field, problems: said } of problems) {
    const path = formPathOf(field, rowMaps);
    const owner = ownerOf(built.byPath, path);
    const property = field.split('.').filter((part) => !/^\d+$/.test(part)).pop() ?? field;
    for (const problem of said) {
      if (!owner) {
        summary.push({ text: problem, ...(locale !== 'en' ? { lang: 'en' } : {}) });
        continue;
      }
      if (owner.error !== undefined) continue;
      const words = problemInWords(problem, owner, property, locale);
      owner.error = words.text;
      if (words.lang !== undefined) owner.errorLang = words.lang;
      summary.push({ ...words, href: `#${owner.focusId}` });
    }
  }
  return summary;
}

/** Rules' reasons about one field of a form (the field a person changes to put it right): the reason's start → the field's path. */
const REASONS_OF_FIELDS: ReadonlyArray<{ eventType: string; reason: RegExp; path: string }> = [
  { eventType: 'SIGN_OFF_PLAN', reason: /^The document signed /, path: 'documentSha256' },
  { eventType: 'SIGN_OFF_PLAN', reason: /^The sign-off names version /, path: 'planVersion' },
];

/** A rule's reason in the summary; beside its field too, linked to it, when it is about one field of the form. */
function reasonBesideItsField(eventType: string, text: string, built: BuiltForm, english: { lang?: string }): SummaryItem {
  const path = REASONS_OF_FIELDS.find((r) => r.eventType === eventType && r.reason.test(text))?.path;
  const owner = path !== undefined ? built.byPath.get(path)?.find((view) => view.partial !== 'field-fixed') : undefined;
  if (!owner) return { text, ...english };
  if (owner.error === undefined) {
    owner.error = text;
    if (english.lang !== undefined) owner.errorLang = english.lang;
  }
  return { text, ...english, href: `#${owner.focusId}` };
}

/**
 * What to tell the person when sending the event failed, or null for an error that is not the
 * form's to explain (a case they may not see: the same 404 as the case page).
 */
export function failureOf(error: unknown, context: { caseId: string; eventType: string; formHref: string; rowMaps: ReadonlyMap<string, readonly number[]>; built: BuiltForm; locale: PageLocale }): FormFailure | null {
  const { locale, caseId } = context;
  const english = locale !== 'en' ? { lang: 'en' } : {};
  if (error instanceof ValidationFailed) return { status: 400, summary: fieldErrors(error.errors, context.rowMaps, context.built, locale) };
  if (error instanceof ForbiddenException) {
    return { status: 403, summary: [{ text: wordingText(locale, 'forms.notPermitted') }, { text: error.message, ...english }] };
  }
  if (!(error instanceof DomainError)) return null;
  switch (error.code) {
    case DomainErrorCode.GUARD_FAILED: {
      const reasons = Array.isArray(error.details['reasons']) ? (error.details['reasons'] as unknown[]).filter((r): r is string => typeof r === 'string') : [error.message];
      return { status: 422, summary: reasons.map((reason) => reasonBesideItsField(context.eventType, reasonInWords(reason, locale), context.built, english)) };
    }
    case DomainErrorCode.VERSION_CONFLICT:
      return { status: 409, summary: [{ text: wordingText(locale, 'forms.conflict'), href: `/app/cases/${caseId}` }] };
    case DomainErrorCode.EVENT_NOT_ALLOWED:
      return { status: 409, summary: [{ text: wordingText(locale, 'forms.notAllowed'), href: `/app/cases/${caseId}` }] };
    case DomainErrorCode.ROLE_NOT_PERMITTED:
      return { status: 403, summary: [{ text: wordingText(locale, 'forms.notPermitted'), href: `/app/cases/${caseId}` }] };
    case DomainErrorCode.IDEMPOTENCY_KEY_REUSED:
      return { status: 422, summary: [{ text: wordingText(locale, 'forms.alreadySent'), href: context.formHref }] };
    case DomainErrorCode.INVALID_INPUT:
      return { status: 400, summary: [{ text: error.message, ...english }] };
    default:
      return null;
  }
}
