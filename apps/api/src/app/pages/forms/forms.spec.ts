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
    // Not on forms: the discriminator (the form's address says it), a document's hash.
    expect(eventFields('SIGN_OFF_PLAN', schemas).map((f) => f.key)).toEqual(['planVersion', 'signedBy', 'method']);
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
