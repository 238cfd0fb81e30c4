/**
 * Outcome frameworks as data (domain.md "The unit of work"): the outcomes a child's wellbeing is
 * rated on, the sides of the child's world strengths and needs are placed on, and the rating
 * scale. Ireland's is the default; any other (Scotland's SHANARRI, an organisation's own) is
 * configuration, never code: an organisation names its framework, a case copies the definition
 * when it opens, and every rating of the case is checked against that copy
 * (`rules/framework.rules.ts`), so a change of framework never touches an open case.
 *
 * Ids are stable (they are stored in every rating); labels are what people read, in English and,
 * where known, Irish (`ga`).
 */

/** The languages a framework's texts are written in: English always, Irish where known. */
export const FRAMEWORK_LANGUAGES = ['en', 'ga'] as const;

/** Text in the languages it is known in: English always; Irish (`ga`) where known. */
export interface LocalisedText {
  readonly en: string;
  readonly ga?: string;
}

export interface FrameworkOutcome {
  /** Stable id, stored in every rating (e.g. `safeAndProtected`). */
  id: string;
  label: LocalisedText;
  /** What the outcome means, for the person rating it. */
  description?: LocalisedText;
}

/** A side of the child's world (the "My World" triangle), where strengths and needs are placed. */
export interface FrameworkSide {
  id: string;
  label: LocalisedText;
  description?: LocalisedText;
}

/** A whole-number rating scale, `min` to `max`; `labels` name some or all of its points. */
export interface RatingScale {
  min: number;
  max: number;
  labels: ReadonlyArray<{ value: number; label: LocalisedText }>;
}

export interface OutcomeFramework {
  /** Stable id an organisation names (e.g. `ireland-national-outcomes`). */
  id: string;
  name: LocalisedText;
  /** Where the outcomes, sides and scale come from: a citation a person can look up. */
  source: string;
  outcomes: readonly FrameworkOutcome[];
  sides: readonly FrameworkSide[];
  scale: RatingScale;
}

/**
 * Bounds of any framework the system accepts: what the API's shape checks allow (a list of at
 * most `outcomes` ratings, each a whole number from `scaleMin` to `scaleMax`) before the case's
 * own framework decides. 0-10 holds Signs of Safety's scale; 20 outcomes hold any framework in use.
 */
export const FRAMEWORK_LIMITS = {
  outcomes: 20,
  sides: 10,
  scaleMin: 0,
  scaleMax: 10,
  /** Characters of an id (framework, outcome, side). */
  id: 64,
  /** Characters of a label or name. */
  label: 200,
  /** Characters of a description. */
  description: 2000,
  /** Characters of the source. */
  source: 500,
} as const;

/** An id of a framework, an outcome or a side: a letter, then letters, digits, `-` or `_` (64 at most). */
export const FRAMEWORK_ID_PATTERN = '^[A-Za-z][A-Za-z0-9_-]{0,63}$';
const ID = new RegExp(FRAMEWORK_ID_PATTERN);

/**
 * Ireland's default: the five national outcomes for children of Better Outcomes, Brighter Futures:
 * the national policy framework for children and young people 2014-2020 (Department of Children
 * and Youth Affairs, 2014), the "My World" triangle of the Meitheal Strengths and Needs form (Tusla,
 * Meitheal Toolkit 2015; from Scotland's GIRFEC National Practice Model), and the 1-3 rating of
 * Tusla's Pre-Meitheal Checklist. The ids are those cases have stored since the first release. No
 * official Irish wording of the outcomes was found, so `ga` is left for configuration.
 */
export const IRELAND_OUTCOME_FRAMEWORK: OutcomeFramework = {
  id: 'ireland-national-outcomes',
  name: { en: "Ireland's national outcomes for children (Better Outcomes, Brighter Futures)" },
  source:
    'Better Outcomes, Brighter Futures: the national policy framework for children and young people 2014-2020 (DCYA, 2014); Tusla Meitheal Toolkit (2015): Pre-Meitheal Checklist, Strengths and Needs form',
  outcomes: [
    { id: 'activeAndHealthy', label: { en: 'Active and healthy, with physical and mental wellbeing' } },
    { id: 'achievingFullPotential', label: { en: 'Achieving full potential in all areas of learning and development' } },
    { id: 'safeAndProtected', label: { en: 'Safe and protected from harm' } },
    { id: 'economicSecurity', label: { en: 'Economic security and opportunity' } },
    { id: 'connectedRespectedContributing', label: { en: 'Connected, respected and contributing to their world' } },
  ],
  sides: [
    { id: 'howIGrowAndDevelop', label: { en: 'How I grow and develop' }, description: { en: "The child's developmental needs" } },
    { id: 'whatINeedFromPeopleWhoLookAfterMe', label: { en: 'What I need from the people who look after me' }, description: { en: "Parents' and carers' capacity" } },
    { id: 'myWiderWorld', label: { en: 'My wider world' }, description: { en: 'Family and environmental factors' } },
  ],
  scale: {
    min: 1,
    max: 3,
    labels: [
      { value: 1, label: { en: 'Little progress' } },
      { value: 2, label: { en: 'Some progress' } },
      { value: 3, label: { en: 'On target' } },
    ],
  },
};

/** The framework of an organisation that names none, and of a case opened before frameworks were configurable. */
export const DEFAULT_OUTCOME_FRAMEWORK = IRELAND_OUTCOME_FRAMEWORK;

/** A point of the scale in words: `2 (some progress)`, or just `2`. */
export function scalePoint(scale: RatingScale, value: number): string {
  const label = scale.labels.find((l) => l.value === value)?.label.en;
  return label ? `${value} (${label.toLowerCase()})` : String(value);
}

// ---- checking a definition (configuration) ---------------------------------------------------

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function unknownFields(where: string, value: Record<string, unknown>, known: readonly string[], problems: string[]): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) problems.push(`${where}: unknown field "${key}" (expected ${known.join(', ')})`);
}

function textProblems(where: string, value: unknown, max: number, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${where} must be an object of texts by language: { "en": "...", "ga": "..." (where known) }`);
    return;
  }
  if (value['en'] === undefined) problems.push(`${where}.en is required: the English text`);
  for (const [language, text] of Object.entries(value)) {
    if (!(FRAMEWORK_LANGUAGES as readonly string[]).includes(language)) problems.push(`${where}: unknown language "${language}" (expected ${FRAMEWORK_LANGUAGES.join(', ')})`);
    else if (typeof text !== 'string' || text.trim() === '' || text.length > max || /\p{Cc}/u.test(text)) {
      problems.push(`${where}.${language} must be text of 1 to ${max} characters on one line`);
    }
  }
}

function itemsProblems(where: string, value: unknown, max: number, problems: string[]): void {
  if (!Array.isArray(value) || value.length === 0 || value.length > max) {
    problems.push(`${where} must be a list of 1 to ${max} items, each { "id", "label", "description"? }`);
    return;
  }
  const seen = new Set<unknown>();
  value.forEach((item: unknown, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(item)) {
      problems.push(`${at} must be an object { "id", "label", "description"? }`);
      return;
    }
    unknownFields(at, item, ['id', 'label', 'description'], problems);
    if (typeof item['id'] !== 'string' || !ID.test(item['id'])) problems.push(`${at}.id must be an id: a letter, then letters, digits, - or _ (${FRAMEWORK_LIMITS.id} characters at most)`);
    else if (seen.has(item['id'])) problems.push(`${at}.id "${item['id']}" is used twice: each id once`);
    seen.add(item['id']);
    textProblems(`${at}.label`, item['label'], FRAMEWORK_LIMITS.label, problems);
    if (item['description'] !== undefined) textProblems(`${at}.description`, item['description'], FRAMEWORK_LIMITS.description, problems);
  });
}

function scaleProblems(where: string, value: unknown, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${where} must be an object { "min", "max", "labels": [{ "value", "label" }] }`);
    return;
  }
  unknownFields(where, value, ['min', 'max', 'labels'], problems);
  const { min, max, labels } = value;
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= FRAMEWORK_LIMITS.scaleMin && n <= FRAMEWORK_LIMITS.scaleMax;
  if (!whole(min) || !whole(max) || min >= max) {
    problems.push(`${where}: min and max must be whole numbers from ${FRAMEWORK_LIMITS.scaleMin} to ${FRAMEWORK_LIMITS.scaleMax}, min below max`);
    return;
  }
  if (!Array.isArray(labels)) {
    problems.push(`${where}.labels must be a list of { "value", "label" } (it may be empty)`);
    return;
  }
  const seen = new Set<unknown>();
  labels.forEach((item: unknown, i) => {
    const at = `${where}.labels[${i}]`;
    if (!isObject(item)) {
      problems.push(`${at} must be an object { "value", "label" }`);
      return;
    }
    unknownFields(at, item, ['value', 'label'], problems);
    const point = item['value'];
    if (typeof point !== 'number' || !Number.isInteger(point) || point < min || point > max) problems.push(`${at}.value must be a whole number of the scale, ${min} to ${max}`);
    else if (seen.has(point)) problems.push(`${at}.value ${point} is labelled twice`);
    seen.add(point);
    textProblems(`${at}.label`, item['label'], FRAMEWORK_LIMITS.label, problems);
  });
}

/**
 * What is wrong with an outcome framework's definition (from configuration), each problem with
 * where it is (`where` prefixes every path); empty when it is a framework the system can rate on.
 */
export function outcomeFrameworkProblems(value: unknown, where = 'outcome framework'): string[] {
  const problems: string[] = [];
  if (!isObject(value)) return [`${where} must be an object { "id", "name", "source", "outcomes", "sides", "scale" }`];
  unknownFields(where, value, ['id', 'name', 'source', 'outcomes', 'sides', 'scale'], problems);
  if (typeof value['id'] !== 'string' || !ID.test(value['id'])) problems.push(`${where}.id must be an id: a letter, then letters, digits, - or _ (${FRAMEWORK_LIMITS.id} characters at most)`);
  textProblems(`${where}.name`, value['name'], FRAMEWORK_LIMITS.label, problems);
  const source = value['source'];
  if (typeof source !== 'string' || source.trim() === '' || source.length > FRAMEWORK_LIMITS.source) {
    problems.push(`${where}.source must say where the framework comes from (1 to ${FRAMEWORK_LIMITS.source} characters)`);
  }
  itemsProblems(`${where}.outcomes`, value['outcomes'], FRAMEWORK_LIMITS.outcomes, problems);
  itemsProblems(`${where}.sides`, value['sides'], FRAMEWORK_LIMITS.sides, problems);
  scaleProblems(`${where}.scale`, value['scale'], problems);
  return problems;
}

/** True when `value` is a framework the system can rate on (see `outcomeFrameworkProblems`). */
export function isOutcomeFramework(value: unknown): value is OutcomeFramework {
  return outcomeFrameworkProblems(value).length === 0;
}
