/**
 * A next-step form as its view renders it (issue 15 §5). Pure: the fields (field-model.ts), what
 * the form holds (the defaults on first showing, else what was sent), the errors by field path
 * and the choices the case offers, to one view model per field, each naming the Handlebars
 * partial of its kind (`views/partials/field-*.hbs`) with the GOV.UK Design System's markup:
 * labels and hints in the page's language (or marked as English where Irish has none yet), an
 * error beside its field, a list's rows as fieldsets with an "Add another" button that asks the
 * server for one more row (no JavaScript needed).
 */
import type { PageLocale } from '../locale';
import { asSelect, type FieldSpec } from './field-model';
import { all, defaultChoiceOf, one, pathName, rowCount, SOMEONE_ELSE, type FormBody } from './form-body';
import { fieldWords, optionWords, type Worded } from './form-wording';

/** A choice offered by the case: its value and its words. */
export interface Choice {
  value: string;
  text: Worded;
}

/** What the case (and its area) offers to choose from. */
export interface FormChoices {
  /** The case's people, then the practitioners of it (value: a family member's id or a user's id). */
  people: Choice[];
  outcomes: Choice[];
  sides: Choice[];
  scale: Choice[];
  actions: Choice[];
  leadPractitioners: Choice[];
  /** The current plan's documents sent for sign-off (value: the document's SHA-256), the default first. */
  planDocuments: Choice[];
}

export interface OptionView {
  id: string;
  value: string;
  text: string;
  lang?: string;
  checked: boolean;
}

/** One field as the view renders it. */
export interface FieldView {
  partial: string;
  id: string;
  name: string;
  /** The id a link of the error summary goes to (the field's first input). */
  focusId: string;
  label: string;
  labelLang?: string;
  hint?: string;
  hintLang?: string;
  error?: string;
  /** The error's language when it is not the page's (an API sentence the pages have no words for). */
  errorLang?: string;
  describedBy?: string;
  /** govuk-fieldset__legend--m or --s. */
  legendSize: 'm' | 's';
  value?: string;
  day?: string;
  month?: string;
  year?: string;
  time?: string;
  maxLength?: number;
  rows?: number;
  options?: OptionView[];
  /** A person's "someone else" option and the name typed for them. */
  other?: { id: string; checked: boolean; nameId: string; nameName: string; name: string };
  /** A list of people: the names typed besides those chosen. */
  others?: { id: string; name: string; value: string };
  children?: FieldView[];
  items?: Array<{ legend: string; legendLang?: string; children: FieldView[] }>;
  rowsName?: string;
  rowCount?: number;
  addValue?: string;
  kind: FieldSpec['kind'];
}

export interface FormViewInput {
  eventType: string;
  fields: readonly FieldSpec[];
  body: FormBody;
  locale: PageLocale;
  choices: FormChoices;
  /** A list asked for one more row ("Add another"). */
  addRowTo?: string;
}

const idOf = (path: readonly (string | number)[]): string => path.join('-');
const langOf = (worded: Worded | undefined, locale: PageLocale): string | undefined => (worded && worded.lang !== locale ? worded.lang : undefined);

export interface BuiltForm {
  views: FieldView[];
  /** Every field built, by its path: the errors' owners. */
  byPath: Map<string, FieldView[]>;
}

class FormViewBuilder {
  readonly byPath = new Map<string, FieldView[]>();

  constructor(private readonly input: FormViewInput) {}

  private register(path: string, view: FieldView): FieldView {
    const list = this.byPath.get(path) ?? [];
    list.push(view);
    this.byPath.set(path, list);
    return view;
  }

  private words(path: (string | number)[], spec: FieldSpec) {
    const { locale, eventType } = this.input;
    const wordPath = spec.key === '' ? [...path, 'person'] : path;
    const label = fieldWords(locale, eventType, wordPath, 'label', spec.key === '' ? undefined : spec.description) ?? fieldWords(locale, eventType, ['person'], 'label') ?? { text: spec.key, lang: 'en' as PageLocale };
    const hint = fieldWords(locale, eventType, wordPath, 'hint');
    return {
      label: label.text,
      labelLang: langOf(label, locale),
      ...(hint && hint.text !== '' ? { hint: hint.text, hintLang: langOf(hint, locale) } : {}),
    };
  }

  private choicesOf(spec: FieldSpec): Choice[] | null {
    const { choices, locale } = this.input;
    switch (spec.source) {
      case 'outcome':
        return choices.outcomes;
      case 'side':
        return choices.sides;
      case 'scale':
        return choices.scale;
      case 'action':
        return choices.actions.length > 0 ? choices.actions : null;
      case 'leadPractitioner':
        return choices.leadPractitioners.length > 0 ? choices.leadPractitioners : null;
      case 'planDocument':
        return choices.planDocuments.length > 0 ? choices.planDocuments : null;
      default:
        return spec.options ? spec.options.map((value) => ({ value, text: optionWords(locale, value) })) : null;
    }
  }

  private options(id: string, chosen: readonly string[], choices: readonly Choice[]): OptionView[] {
    return choices.map((choice, index) => ({
      id: index === 0 ? id : `${id}-${index + 1}`,
      value: choice.value,
      text: choice.text.text,
      ...(choice.text.lang !== this.input.locale ? { lang: choice.text.lang } : {}),
      checked: chosen.includes(choice.value),
    }));
  }

  /**
   * A row of a list: its fields, and as its legend "<label> <n>", or, when the form filled in the
   * outcome or the action the row is about, that outcome's or action's words (the field then a
   * hidden input: a row per outcome reads "Safe and protected from harm", not a choice of five).
   */
  row(spec: FieldSpec, label: string, path: (string | number)[], depth: number): { legend: string; legendLang?: string; children: FieldView[] } {
    const children = this.fields(spec.children ?? [], path, depth);
    const index = Number(path[path.length - 1]);
    for (const [i, child] of (spec.children ?? []).entries()) {
      if (child.source === undefined || !NAMES_ITS_ROW.has(child.source)) continue;
      const view = children[i] as FieldView;
      const chosen = view.options?.find((option) => option.checked);
      if (!chosen) continue;
      children[i] = { ...view, partial: 'field-fixed', value: chosen.value };
      return { legend: chosen.text, ...(chosen.lang ? { legendLang: chosen.lang } : {}), children };
    }
    return { legend: `${label} ${index + 1}`, children };
  }

  fields(specs: readonly FieldSpec[], path: (string | number)[], depth: number): FieldView[] {
    return specs.map((spec) => this.field(spec, spec.key === '' ? path : [...path, spec.key], depth));
  }

  field(spec: FieldSpec, path: (string | number)[], depth: number): FieldView {
    const { body } = this.input;
    const name = pathName(path);
    const id = idOf(path);
    const base = { id, name, focusId: id, kind: spec.kind, legendSize: (depth === 0 ? 'm' : 's') as 'm' | 's', ...this.words(path, spec) };
    switch (spec.kind) {
      case 'text':
      case 'textarea':
      case 'number':
        return this.register(name, {
          ...base,
          partial: spec.kind === 'textarea' ? 'field-textarea' : 'field-input',
          value: one(body, name),
          ...(spec.maxLength !== undefined ? { maxLength: spec.maxLength } : {}),
          rows: (spec.maxLength ?? 0) >= 10_000 ? 8 : 4,
        });
      case 'textList':
        return this.register(name, { ...base, partial: 'field-textarea', value: one(body, name), rows: 4 });
      case 'choice': {
        const choices = this.choicesOf(spec);
        // A case from before documents were stored has none to choose: the API then names the family's English version.
        if (choices === null && spec.source === 'planDocument') return this.register(name, { ...base, partial: 'field-fixed', value: '' });
        if (choices === null) return this.register(name, { ...base, kind: 'text', partial: 'field-input', value: one(body, name) });
        // Nothing chosen yet: the form's own default, if it makes one (a new action has not started).
        const chosen = one(body, name) || (defaultChoiceOf(this.input.eventType, path) ?? '');
        return this.register(name, { ...base, partial: asSelect(choices.length) ? 'field-select' : 'field-radios', options: this.options(id, [chosen], choices) });
      }
      case 'yesNo':
        return this.register(name, { ...base, partial: 'field-yes-no', value: one(body, name), options: [
          { id, value: 'yes', text: '', checked: one(body, name) === 'yes' },
          { id: `${id}-no`, value: 'no', text: '', checked: one(body, name) === 'no' },
        ] });
      case 'day':
      case 'dateTime':
        return this.register(name, {
          ...base,
          partial: 'field-date',
          focusId: `${id}-day`,
          day: one(body, `${name}.day`),
          month: one(body, `${name}.month`),
          year: one(body, `${name}.year`),
          ...(spec.kind === 'dateTime' ? { time: one(body, `${name}.time`) } : {}),
        });
      case 'person': {
        const personId = `${id}-person`;
        const chosen = one(body, `${name}.person`);
        const people = this.input.choices.people;
        return this.register(name, {
          ...base,
          id: personId,
          focusId: people.length > 0 ? personId : `${id}-name`,
          partial: 'field-person',
          name: `${name}.person`,
          options: this.options(personId, [chosen], people),
          other: { id: `${personId}-other`, checked: chosen === SOMEONE_ELSE, nameId: `${id}-name`, nameName: `${name}.name`, name: one(body, `${name}.name`) },
        });
      }
      case 'people': {
        const people = this.input.choices.people;
        return this.register(name, {
          ...base,
          partial: 'field-people',
          focusId: people.length > 0 ? id : `${id}-others`,
          options: this.options(id, all(body, name), people),
          others: { id: `${id}-others`, name: `${name}.others`, value: one(body, `${name}.others`) },
        });
      }
      case 'group': {
        const children = this.fields(spec.children ?? [], path, depth + 1);
        return this.register(name, { ...base, partial: 'field-group', focusId: children[0]?.focusId ?? id, children });
      }
      case 'list': {
        const rows = rowCount(body, name) + (this.input.addRowTo === name ? 1 : 0);
        const items = Array.from({ length: rows }, (_, row) => this.row(spec, base.label, [...path, row], depth + 1));
        return this.register(name, { ...base, partial: 'field-list', focusId: items[0]?.children[0]?.focusId ?? id, items, rowsName: `${name}._rows`, rowCount: rows, addValue: name });
      }
    }
  }
}

/** Fields whose value, once the form filled it in for a row (an outcome to rate, an action to report on), names the row. */
const NAMES_ITS_ROW = new Set(['outcome', 'action']);

/** The owner of an error at `path`: the field of the longest path it starts with (a field before the group of the same path). */
export function ownerOf(byPath: ReadonlyMap<string, FieldView[]>, path: string): FieldView | undefined {
  const parts = path.split('.');
  for (let length = parts.length; length >= 1; length--) {
    const found = byPath.get(parts.slice(0, length).join('.'));
    if (found && found.length > 0) return found.find((view) => view.kind !== 'group') ?? found[0];
  }
  return undefined;
}

/** Sets each field's aria-describedby: its hint, its error (and a textarea's count message). */
export function describe(views: readonly FieldView[]): void {
  for (const view of views) {
    const ids = [view.hint ? `${view.id}-hint` : null, view.error ? `${view.id}-error` : null, view.partial === 'field-textarea' && view.maxLength !== undefined ? `${view.id}-info` : null].filter((x) => x !== null);
    if (ids.length > 0) view.describedBy = ids.join(' ');
    if (view.children) describe(view.children);
    for (const item of view.items ?? []) describe(item.children);
  }
}

/** The fields' views and every field by path (errors are set beside them after: form-errors.ts, then `describe`). */
export function buildFormView(input: FormViewInput): BuiltForm {
  const builder = new FormViewBuilder(input);
  const views = builder.fields(input.fields, [], 0);
  return { views, byPath: builder.byPath };
}
