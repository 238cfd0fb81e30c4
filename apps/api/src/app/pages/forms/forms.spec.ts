/**
 * The next-step forms' pure parts (issue 15 §5): the fields derived from the events' schemas in the
 * OpenAPI document (built here as the app builds it, from the same DTOs), a sent form read back as
 * the event, the API's field paths brought back to the form's rows, and the forms' wording.
 */
import { Body, Controller, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiBody, ApiExtraModels, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CASE_EVENT_TYPES } from '@tacu/domain';
import { CASE_EVENT_MODELS, caseEventBodySchema, parseCaseEvent } from '../../cases/events';
import { eventSchemasOf, type EventSchemaSet } from './event-schemas';
import { eventFields, type FieldSpec } from './field-model';
import { dayOf, formToEvent, instantOf } from './form-body';
import { planDocumentChoices, type PlanDocumentChoice } from './form-defaults';
import { buildFormView, type FormChoices } from './form-view';
import { formPathOf } from './form-errors';
import { eventTitle, fieldWords, formWordingKeys, reasonInWords } from './form-wording';

@Controller('probe')
class ProbeController {
  @Post('events')
  @ApiExtraModels(...CASE_EVENT_MODELS)
  @ApiBody({ schema: caseEventBodySchema() })
  send(@Body() body: unknown): unknown {
    return body;
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

/** The field at a dotted path of keys (a merged person is its object's `''`). */
function at(fields: readonly FieldSpec[], path: string): FieldSpec {
  let list = fields;
  let found: FieldSpec | undefined;
  for (const key of path.split('.')) {
    found = list.find((f) => f.key === (key === '@' ? '' : key));
    if (!found) throw new Error(`no field ${path}`);
    list = found.children ?? [];
  }
  return found as FieldSpec;
}

describe('the next-step forms', () => {
  let app: INestApplication;
  let schemas: EventSchemaSet;

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, new FastifyAdapter(), { logger: false, abortOnError: false });
    await app.init();
    schemas = eventSchemasOf(SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('probe').build()));
  });
  afterAll(async () => {
    await app.close();
  });

  it('derives each field from the event\'s schema: its kind, whether it is required, its limits', () => {
    for (const type of CASE_EVENT_TYPES) expect(() => eventFields(type, schemas)).not.toThrow();
    const details = eventFields('RECORD_REQUEST_DETAILS', schemas);
    expect(at(details, 'reasonForRequest')).toMatchObject({ kind: 'textarea', required: true, maxLength: 10000 });
    expect(at(details, 'preRequestChecklist')).toMatchObject({ kind: 'group', required: false });
    expect(at(details, 'preRequestChecklist.ratings')).toMatchObject({ kind: 'list', minItems: 1 });
    expect(at(details, 'preRequestChecklist.ratings.outcome')).toMatchObject({ kind: 'choice', source: 'outcome' });
    expect(at(details, 'preRequestChecklist.ratings.rating')).toMatchObject({ kind: 'choice', source: 'scale' });
    expect(at(details, 'preRequestChecklist.completedWithParent')).toMatchObject({ kind: 'yesNo', required: true });
    const consent = eventFields('RECORD_CONSENT', schemas);
    expect(consent.map((f) => f.key)).toEqual(['givenBy', 'given', 'scopes', 'youngPersonConsent', 'signedOn']);
    expect(at(consent, 'givenBy.@')).toMatchObject({ kind: 'person', required: true });
    expect(at(consent, 'givenBy.as')).toMatchObject({ kind: 'choice', options: ['parentCarer', 'youngPerson'] });
    expect(at(consent, 'scopes.shareWithAgencies')).toMatchObject({ kind: 'textList', required: true, maxLength: 200 });
    expect(at(consent, 'scopes.contactPractitioner')).toMatchObject({ kind: 'text', required: false });
    expect(at(consent, 'signedOn')).toMatchObject({ kind: 'day', required: true });
    const plan = eventFields('DRAFT_PLAN', schemas);
    expect(at(plan, 'actions')).toMatchObject({ kind: 'list', required: true });
    expect(at(plan, 'actions.owner.@')).toMatchObject({ kind: 'person' });
    expect(at(plan, 'actions.status')).toMatchObject({ kind: 'choice', options: ['notStarted', 'inProgress', 'done', 'notDone'] });
    expect(at(plan, 'actions.dueDate')).toMatchObject({ kind: 'day', required: false });
    expect(at(plan, 'childViews.words')).toMatchObject({ kind: 'textarea' });
    expect(at(eventFields('INVITE_TO_MEETING', schemas), 'scheduledFor')).toMatchObject({ kind: 'dateTime' });
    expect(at(eventFields('INVITE_TO_MEETING', schemas), 'chair')).toMatchObject({ kind: 'person' });
    expect(at(eventFields('HOLD_MEETING', schemas), 'attendance')).toMatchObject({ kind: 'people', required: true, maxItems: 100 });
    expect(at(eventFields('REGISTER_REQUEST', schemas), 'leadPractitionerId')).toMatchObject({ kind: 'choice', source: 'leadPractitioner' });
    // Not on forms: the discriminator (the form's address says it). The document signed is a choice of the plan's documents.
    expect(eventFields('SIGN_OFF_PLAN', schemas).map((f) => f.key)).toEqual(['planVersion', 'signedBy', 'method', 'documentSha256']);
    expect(at(eventFields('SIGN_OFF_PLAN', schemas), 'documentSha256')).toMatchObject({ kind: 'choice', source: 'planDocument', required: false });
    expect(eventFields('SUBMIT_REQUEST', schemas)).toEqual([]);
  });

  it('reads a sent form as the event: types coerced, blanks left out, people chosen or named, rows in order', () => {
    const context = { people: new Map([['m-1', 'Siobhán Murphy'], ['u-lp-0001', 'Aoife Byrne']]), timeZone: 'Europe/Dublin' };
    const consent = formToEvent('RECORD_CONSENT', eventFields('RECORD_CONSENT', schemas), {
      'givenBy.person': 'm-1',
      'givenBy.hasParentalResponsibility': 'yes',
      'givenBy.as': '',
      'scopes.takePart': 'yes',
      'scopes.keepRecords': 'no',
      'scopes.shareWithAgencies': ' Scoil Bhríde \r\n\r\nPublic Health Nursing\r\n',
      'scopes.doNotShareWith': '',
      'youngPersonConsent.given': 'no',
      'youngPersonConsent.reasonNotSought': 'Seán is 7.',
      'signedOn.day': '2',
      'signedOn.month': '3',
      'signedOn.year': '2026',
    }, context);
    expect(consent.event).toEqual({
      type: 'RECORD_CONSENT',
      givenBy: { name: 'Siobhán Murphy', personId: 'm-1', hasParentalResponsibility: true },
      scopes: { takePart: true, keepRecords: false, shareWithAgencies: ['Scoil Bhríde', 'Public Health Nursing'] },
      youngPersonConsent: { given: false, reasonNotSought: 'Seán is 7.' },
      signedOn: '2026-03-02',
    });
    expect(parseCaseEvent(consent.event).ok).toBe(true);
    // A person not on the case is never taken from the form: an unknown id is no choice, a name typed is someone else.
    const agreed = formToEvent('AGREE_ASSESSMENT', eventFields('AGREE_ASSESSMENT', schemas), { 'agreedBy.person': 'u-someone', 'agreedBy.name': '' }, context);
    expect(agreed.event).toEqual({ type: 'AGREE_ASSESSMENT' });
    const other = formToEvent('AGREE_ASSESSMENT', eventFields('AGREE_ASSESSMENT', schemas), { 'agreedBy.person': '_other', 'agreedBy.name': ' Bridget Murphy ' }, context);
    expect(other.event).toEqual({ type: 'AGREE_ASSESSMENT', agreedBy: { name: 'Bridget Murphy' } });
    const plan = formToEvent('DRAFT_PLAN', eventFields('DRAFT_PLAN', schemas), {
      'actions._rows': '3',
      'actions.0.answers': '',
      'actions.1.answers': 'School every day',
      'actions.1.what': 'Breakfast club',
      'actions.1.owner.person': 'u-lp-0001',
      'actions.1.owner.agency': 'Scoil Bhríde',
      'actions.1.dueDate.day': '29',
      'actions.1.dueDate.month': '5',
      'actions.1.dueDate.year': '2026',
      'actions.1.status': 'notStarted',
      'actions.2.id': 'a1',
      'actions.2.answers': 'Time for Mam',
      'actions.2.what': 'Support group',
      'actions.2.status': 'inProgress',
      'childViews.words': 'OK if Jamie goes too.',
    }, context);
    expect(plan.event).toEqual({
      type: 'DRAFT_PLAN',
      actions: [
        { id: 'a2', answers: 'School every day', what: 'Breakfast club', owner: { name: 'Aoife Byrne', personId: 'u-lp-0001', agency: 'Scoil Bhríde' }, dueDate: '2026-05-29', status: 'notStarted' },
        { id: 'a1', answers: 'Time for Mam', what: 'Support group', status: 'inProgress' },
      ],
      childViews: { words: 'OK if Jamie goes too.' },
    });
    expect(plan.rowMaps.get('actions')).toEqual([1, 2]);
    // The API's path of the second action is the form's third row.
    expect(formPathOf('actions.1.owner.agency', plan.rowMaps)).toBe('actions.2.owner.agency');
    const meeting = formToEvent('HOLD_MEETING', eventFields('HOLD_MEETING', schemas), { 'attendance': ['m-1', 'u-lp-0001', 'u-forged'], 'attendance.others': 'Niamh Kelly\nOrla Doyle', 'heldOn.day': '2', 'heldOn.month': '3', 'heldOn.year': '2026' }, context);
    expect(meeting.event).toEqual({
      type: 'HOLD_MEETING',
      heldOn: '2026-03-02',
      attendance: [{ name: 'Siobhán Murphy', personId: 'm-1' }, { name: 'Aoife Byrne', personId: 'u-lp-0001' }, { name: 'Niamh Kelly' }, { name: 'Orla Doyle' }],
      apologies: [],
    });
  });

  it('asks which plan document was signed: the latest for the family in the family\'s language first (the default), each with its issue and day', () => {
    const sha = (c: string): string => c.repeat(64);
    const documents: PlanDocumentChoice[] = [
      { sha256: sha('a'), version: 1, audience: 'family', locale: 'en', issuedOn: '2026-03-02' },
      { sha256: sha('b'), version: 1, audience: 'family', locale: 'ga', issuedOn: '2026-03-02' },
      { sha256: sha('c'), version: 1, audience: 'professional', locale: 'en', issuedOn: '2026-03-02' },
      { sha256: sha('d'), version: 2, audience: 'family', locale: 'ga', issuedOn: '2026-03-04' },
    ];
    const words = (d: PlanDocumentChoice): string => `${d.audience} ${d.locale} ${d.version} ${d.issuedOn}`;
    expect(planDocumentChoices(documents, 'ga', 'en', words).map((c) => c.text.text)).toEqual(['family ga 2 2026-03-04', 'family ga 1 2026-03-02', 'family en 1 2026-03-02', 'professional en 1 2026-03-02']);
    expect(planDocumentChoices(documents, 'en', 'en', words)[0]).toEqual({ value: sha('a'), text: { text: 'family en 1 2026-03-02', lang: 'en' } });
    // The choice is sent as the event's documentSha256.
    const fields = eventFields('SIGN_OFF_PLAN', schemas);
    const sent = formToEvent('SIGN_OFF_PLAN', fields, { planVersion: '1', 'signedBy.person': 'm-1', 'signedBy.as': 'parentCarer', method: 'inPerson', documentSha256: sha('b') }, { people: new Map([['m-1', 'Siobhán Murphy']]), timeZone: 'Europe/Dublin' });
    expect(sent.event).toEqual({ type: 'SIGN_OFF_PLAN', planVersion: 1, signedBy: { name: 'Siobhán Murphy', personId: 'm-1', as: 'parentCarer' }, method: 'inPerson', documentSha256: sha('b') });
    expect(parseCaseEvent(sent.event).ok).toBe(true);
    // Shown as radios of the documents; none stored (a case from before documents were): nothing to choose, nothing sent.
    const choices: FormChoices = { people: [], outcomes: [], sides: [], scale: [], actions: [], leadPractitioners: [], planDocuments: planDocumentChoices(documents, 'en', 'en', words) };
    const shown = buildFormView({ eventType: 'SIGN_OFF_PLAN', fields, body: { documentSha256: sha('a') }, locale: 'en', choices }).byPath.get('documentSha256')?.[0];
    expect({ partial: shown?.partial, checked: shown?.options?.filter((o) => o.checked).map((o) => o.value) }).toEqual({ partial: 'field-radios', checked: [sha('a')] });
    const none = buildFormView({ eventType: 'SIGN_OFF_PLAN', fields, body: {}, locale: 'en', choices: { ...choices, planDocuments: [] } }).byPath.get('documentSha256')?.[0];
    expect({ partial: none?.partial, value: none?.value }).toEqual({ partial: 'field-fixed', value: '' });
  });

  it('a new action of a plan has not started: "Where it stands" starts at "not started", and a row holding only that is blank', () => {
    const fields = eventFields('DRAFT_PLAN', schemas);
    const choices: FormChoices = { people: [], outcomes: [], sides: [], scale: [], actions: [], leadPractitioners: [], planDocuments: [] };
    const shown = buildFormView({ eventType: 'DRAFT_PLAN', fields, body: { 'actions._rows': '2', 'actions.0.status': 'inProgress' }, locale: 'en', choices }).byPath.get('actions.1.status')?.[0];
    expect(shown?.options?.filter((o) => o.checked).map((o) => o.value)).toEqual(['notStarted']);
    const kept = buildFormView({ eventType: 'DRAFT_PLAN', fields, body: { 'actions._rows': '1', 'actions.0.status': 'inProgress' }, locale: 'en', choices }).byPath.get('actions.0.status')?.[0];
    expect(kept?.options?.filter((o) => o.checked).map((o) => o.value)).toEqual(['inProgress']);
    // Elsewhere the status is asked, never chosen for the person: a review reports where each action stands.
    const review = buildFormView({ eventType: 'RECORD_REVIEW', fields: eventFields('RECORD_REVIEW', schemas), body: { 'progress._rows': '1' }, locale: 'en', choices }).byPath.get('progress.0.status')?.[0];
    expect(review?.options?.filter((o) => o.checked)).toEqual([]);
    const plan = formToEvent('DRAFT_PLAN', fields, {
      'actions._rows': '2',
      'actions.0.answers': 'School every day',
      'actions.0.what': 'Breakfast club',
      'actions.0.status': 'notStarted',
      'actions.1.status': 'notStarted',
      'childViews.words': 'OK.',
    }, { people: new Map(), timeZone: 'Europe/Dublin' });
    expect(plan.event['actions']).toEqual([{ id: 'a1', answers: 'School every day', what: 'Breakfast club', status: 'notStarted' }]);
    expect(plan.rowMaps.get('actions')).toEqual([0]);
  });

  it('writes days and instants as the API takes them, and passes anything else on for the validation to refuse', () => {
    expect(dayOf('2', '3', '2026')).toBe('2026-03-02');
    expect(dayOf('', '', '')).toBeUndefined();
    expect(dayOf('31', 'Feb', '2026')).toBe('2026-Feb-31');
    expect(instantOf('2026-04-15', '10:00', 'Europe/Dublin')).toBe('2026-04-15T10:00:00+01:00');
    expect(instantOf('2026-01-15', '9.30', 'Europe/Dublin')).toBe('2026-01-15T09:30:00Z'.replace('Z', '+00:00'));
    expect(instantOf('2026-04-15', '25:00', 'Europe/Dublin')).toBe('2026-04-15T25:00');
  });

  it('says a rule\'s reasons in plain words, each event by its title', () => {
    expect(reasonInWords('Consent is not recorded: record written consent (RECORD_CONSENT) before submitting.', 'en')).toBe('Consent is not recorded: record written consent (“Record consent”) before submitting.');
    expect(reasonInWords('Send REQUEST_CONSENT first; NOT_AN_EVENT stays.', 'ga')).toBe('Send “Iarr toiliú ar an teaghlach” first; NOT_AN_EVENT stays.');
  });

  it('words every event in English, Irish key for English key, and falls back to English, then to the DTO\'s description', () => {
    const { en, ga } = formWordingKeys();
    expect(ga.filter((key) => !en.includes(key))).toEqual([]);
    expect(CASE_EVENT_TYPES.filter((type) => !en.includes(`events.${type}.title`))).toEqual([]);
    expect(eventTitle('ga', 'RECORD_CONSENT')).toEqual({ text: 'Taifead toiliú', lang: 'ga' });
    expect(fieldWords('ga', 'RECORD_CONSENT', ['scopes', 'contactPractitioner'], 'label')).toEqual({ text: 'A named practitioner the service may contact (optional)', lang: 'en' });
    expect(fieldWords('en', 'RECORD_CONTACT', ['with'], 'label')).toEqual({ text: 'With whom', lang: 'en' });
    // A field no locale words: its DTO's description, without the full stop (English, on any page).
    expect(fieldWords('ga', 'SUBMIT_REPORT', ['unworded'], 'label', 'The statutory service reported to.')).toEqual({ text: 'The statutory service reported to', lang: 'en' });
    expect(fieldWords('en', 'SUBMIT_REPORT', ['unworded'], 'hint', 'The statutory service reported to.')).toBeUndefined();
    // A field in a list is worded without its row: actions.0.what is actions.what.
    expect(fieldWords('en', 'DRAFT_PLAN', ['actions', 0, 'what'], 'label')).toEqual({ text: 'What will be done', lang: 'en' });
  });
});
