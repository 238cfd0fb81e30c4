/**
 * The form that starts a request for support (domain.md process 1): the child (name, date of
 * birth), how the request came, and a parent or carer, as a page reads and shows them. Pure: the
 * form's fields in, the body of `POST /cases` out (or what is missing, in plain words); the API's
 * own checks then run on that body, and their problems come back to the field they name.
 */
import { REQUEST_ORIGINS, type RequestOrigin } from '@tacu/domain';
import { wordingText, type PageLocale } from './locale';

/** What the form sends (urlencoded; every value a string). */
export type NewRequestForm = Record<string, string | string[] | undefined>;

/** The form's fields, by their name in the form, and the body path each fills. */
export const NEW_REQUEST_FIELDS = {
  childName: 'child.name',
  childDateOfBirth: 'child.dateOfBirth',
  origin: 'origin',
  parentName: 'familyMembers.0.name',
  parentRelationship: 'familyMembers.0.relationship',
  parentalResponsibility: 'familyMembers.0.hasParentalResponsibility',
  leadPractitionerId: 'leadPractitionerId',
} as const;
export type NewRequestField = keyof typeof NEW_REQUEST_FIELDS;

/** A problem to show: the field it is about (its element id) and the words. */
export interface FieldError {
  field: NewRequestField;
  text: string;
}

/** A value as the form sent it: one string, trimmed ('' when absent or given twice). */
export function formValue(form: NewRequestForm, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** The day the three boxes give (YYYY-MM-DD), or null when they do not make a real day. */
export function dayOf(form: NewRequestForm, name: string): string | null {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => formValue(form, `${name}.${part}`));
  if (!/^\d{1,2}$/.test(day ?? '') || !/^\d{1,2}$/.test(month ?? '') || !/^\d{4}$/.test(year ?? '')) return null;
  const iso = `${year}-${(month as string).padStart(2, '0')}-${(day as string).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * The body of `POST /cases` for the form, or the fields a person must still fill in (each said
 * plainly, GOV.UK style). `areaId` is the person's own; `leadPractitionerId` is theirs when they
 * are a lead practitioner, or the one chosen by a coordinator.
 */
export function newRequestBody(
  form: NewRequestForm,
  who: { areaId: string; leadPractitionerId: string | null },
  locale: PageLocale,
): { body: Record<string, unknown>; errors: [] } | { body: null; errors: FieldError[] } {
  const t = (key: string): string => wordingText(locale, `newRequest.errors.${key}`);
  const errors: FieldError[] = [];
  const childName = formValue(form, 'childName');
  if (childName === '') errors.push({ field: 'childName', text: t('childName') });
  const anyDay = ['day', 'month', 'year'].some((part) => formValue(form, `childDateOfBirth.${part}`) !== '');
  const dateOfBirth = dayOf(form, 'childDateOfBirth');
  if (dateOfBirth === null) errors.push({ field: 'childDateOfBirth', text: t(anyDay ? 'childDateOfBirthReal' : 'childDateOfBirth') });
  const origin = formValue(form, 'origin');
  if (!(REQUEST_ORIGINS as readonly string[]).includes(origin)) errors.push({ field: 'origin', text: t('origin') });
  const parentName = formValue(form, 'parentName');
  if (parentName === '') errors.push({ field: 'parentName', text: t('parentName') });
  const relationship = formValue(form, 'parentRelationship');
  if (relationship === '') errors.push({ field: 'parentRelationship', text: t('parentRelationship') });
  const responsibility = formValue(form, 'parentalResponsibility');
  if (responsibility !== 'yes' && responsibility !== 'no') errors.push({ field: 'parentalResponsibility', text: t('parentalResponsibility') });
  const lead = who.leadPractitionerId ?? formValue(form, 'leadPractitionerId');
  if (lead === '') errors.push({ field: 'leadPractitionerId', text: t('leadPractitionerId') });
  if (errors.length > 0) return { body: null, errors };
  return {
    body: {
      areaId: who.areaId,
      origin: origin as RequestOrigin,
      child: { name: childName, dateOfBirth },
      familyMembers: [{ name: parentName, relationship, hasParentalResponsibility: responsibility === 'yes' }],
      leadPractitionerId: lead,
    },
    errors: [],
  };
}

/** The form field a problem of the API's names (`familyMembers.0.name` → parentName), or null for one the form has no field for. */
export function fieldOfPath(path: string): NewRequestField | null {
  const found = (Object.entries(NEW_REQUEST_FIELDS) as Array<[NewRequestField, string]>).find(([, body]) => path === body || path.startsWith(`${body}.`));
  return found ? found[0] : null;
}
