/**
 * Outcome frameworks are configured, never coded (the open issue "What practitioners really
 * record", point 7): an organisation configured with Scotland's SHANARRI (the policy file's
 * `outcomeFrameworks`, the definition shipped in docs/outcome-frameworks) rates its pre-request
 * checklists and the same case as the Irish journey (assessment, reviews, closure) on the eight
 * wellbeing indicators, 1-5; Ireland's outcome ids are refused there with a 400 that names the
 * field and the ids to use; and a case keeps the framework it started with when the organisation
 * changes framework mid-case.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseEvent, OutcomeFramework, OutcomeRating } from '@tacu/domain';
import { OrganisationStore } from '@tacu/persistence';
import { fullJourney, journeyTo, sampleChecklist, sampleEvent } from './support/api';
import { drive, get, openCase, openCaseBody, send, startHarness, USERS, type Harness } from './support/harness';

const SHANARRI = JSON.parse(readFileSync(join(__dirname, '../../docs/outcome-frameworks/scotland-shanarri.json'), 'utf8')) as OutcomeFramework;
const INDICATORS = ['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included'];

/** A rating of each of the eight indicators, on SHANARRI's 1-5 scale. */
const shanarriRatings = (): OutcomeRating[] => INDICATORS.map((outcome, i) => ({ outcome, rating: (i % 5) + 1, reason: `How ${outcome} Seán is, in the family's words.` }));

/** The same event rated on SHANARRI instead of Ireland's national outcomes. */
function onShanarri(event: CaseEvent): CaseEvent {
  switch (event.type) {
    case 'RECORD_REQUEST_DETAILS':
      return { ...event, preRequestChecklist: { completedWithParent: true, completedWithChild: true, ratings: shanarriRatings() } };
    case 'RECORD_ASSESSMENT':
      return { ...event, ratings: shanarriRatings().slice(0, 3) };
    case 'RECORD_REVIEW':
      return { ...event, ratings: shanarriRatings() };
    case 'RECORD_CLOSURE_FEEDBACK':
      return { ...event, finalRatings: shanarriRatings() };
    default:
      return event;
  }
}

const RATED = new Set(['RECORD_REQUEST_DETAILS', 'RECORD_ASSESSMENT', 'RECORD_REVIEW', 'RECORD_CLOSURE_FEEDBACK']);
/** Where each event carries its ratings. */
const RATINGS_FIELD: Record<string, string> = {
  RECORD_REQUEST_DETAILS: 'preRequestChecklist.ratings',
  RECORD_ASSESSMENT: 'ratings',
  RECORD_REVIEW: 'ratings',
  RECORD_CLOSURE_FEEDBACK: 'finalRatings',
};

type Res = { status: number; body: Record<string, unknown> };
const fields = (res: Res) => {
  expect({ status: res.status, code: res.body['code'] }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  return (res.body['errors'] as { field: string }[]).map((e) => e.field);
};

describe('outcome frameworks are configured, never coded', () => {
  let h: Harness;
  const makeChecklist = async (body: unknown) => h.http.post('/pre-request-checklists').auth(await h.token(USERS.lead), { type: 'bearer' }).send(body as object);

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tacu-frameworks-'));
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ outcomeFrameworks: [SHANARRI], outcomeFramework: SHANARRI.id }));
    h = await startHarness({ DEADLINE_POLICY_FILE: file });
  });
  afterAll(() => h.close());

  it("an organisation configured with SHANARRI: its framework is the organisation's; a pre-request checklist rates the eight indicators 1-5, Irish outcome ids refused", async () => {
    const framework = await get(h, '/organisation/outcome-framework', USERS.lead);
    expect(framework.status).toBe(200);
    expect(framework.body).toMatchObject({ organisationId: 'default', framework: { id: 'scotland-shanarri', scale: { min: 1, max: 5 } } });
    expect(framework.body.framework.outcomes.map((o: { id: string }) => o.id)).toEqual(INDICATORS);

    const irish = await makeChecklist(sampleChecklist());
    expect(fields(irish)).toEqual(['ratings.0.outcome', 'ratings.1.outcome', 'ratings.2.outcome', 'ratings.3.outcome', 'ratings.4.outcome', 'ratings']);
    expect(irish.body.errors[0].problems[0]).toBe(
      `ratings.0.outcome is "activeAndHealthy", which is not an outcome of ${SHANARRI.name.en} (scotland-shanarri), the framework this is rated on: use one of ${INDICATORS.join(', ')}`,
    );
    const seven = await makeChecklist(sampleChecklist({ ratings: shanarriRatings().slice(1) }));
    expect(seven.body.errors).toEqual([{ field: 'ratings', problems: [`ratings must rate every outcome of ${SHANARRI.name.en} (scotland-shanarri), each once: safe is not rated`] }]);
    const made = await makeChecklist(sampleChecklist({ ratings: [...shanarriRatings()].reverse() }));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ outcomeFrameworkId: 'scotland-shanarri' });
    expect(made.body.ratings.map((r: { outcome: string }) => r.outcome)).toEqual(INDICATORS);
  });

  it('the same case run on SHANARRI: baseline, assessment, reviews and closure rated on the eight indicators; Irish ids and ratings off its scale refused at each', async () => {
    const checklist = await makeChecklist(sampleChecklist({ ratings: shanarriRatings() }));
    const { id } = await openCase(h, USERS.lead, { preRequestChecklistId: checklist.body.id });
    const opened = await get(h, `/cases/${id}`, USERS.lead);
    expect(opened.body.record.outcomeFramework).toEqual(SHANARRI);
    const [first] = (await get(h, `/cases/${id}/history`, USERS.lead)).body.events;
    expect(first).toMatchObject({ eventType: 'OPEN_CASE', data: { outcomeFramework: 'scotland-shanarri' } });

    for (const step of fullJourney(USERS.lead)) {
      const as = step.by === 'lead' ? USERS.lead : USERS.coordinator;
      if (RATED.has(step.event.type)) {
        const field = RATINGS_FIELD[step.event.type];
        // Ireland's sample, as the journey rates it elsewhere: refused here, naming each rating.
        const irish = field.split('.').reduce<Record<string, unknown>>((o, key) => o[key] as Record<string, unknown>, step.event as unknown as Record<string, unknown>) as unknown as OutcomeRating[];
        expect({ event: step.event.type, fields: fields(await send(h, id, step.event, as)) }).toEqual({ event: step.event.type, fields: irish.map((_, i) => `${field}.${i}.outcome`) });
        const offScale = onShanarri(step.event) as unknown as Record<string, unknown>;
        const ratings = field.split('.').reduce<Record<string, unknown>>((o, key) => o[key] as Record<string, unknown>, offScale) as unknown as OutcomeRating[];
        ratings[0] = { ...(ratings[0] as OutcomeRating), rating: 6 };
        expect({ event: step.event.type, fields: fields(await send(h, id, offScale, as)) }).toEqual({ event: step.event.type, fields: [`${field}.0.rating`] });
      }
      const res = await send(h, id, onShanarri(step.event), as);
      expect({ event: step.event.type, status: res.status, state: res.body.state }).toEqual({ event: step.event.type, status: 200, state: step.state });
    }
    const closed = (await get(h, `/cases/${id}`, USERS.lead)).body;
    expect(closed.state).toBe('closed');
    expect(closed.record.closure.feedback.finalRatings.map((r: { outcome: string }) => r.outcome)).toEqual(INDICATORS);
    const history = (await get(h, `/cases/${id}/history`, USERS.lead)).body.events as { eventType: string; data: { ratings: OutcomeRating[] } }[];
    expect(history.filter((e) => e.eventType === 'RECORD_REVIEW').map((e) => e.data.ratings.length)).toEqual([8, 8]);
  });

  it("strengths and needs sit on the framework's sides: an unknown side is refused", async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('assessment.inProgress', USERS.lead).map((s) => ({ ...s, event: onShanarri(s.event) })));
    const assessment = onShanarri(sampleEvent('RECORD_ASSESSMENT')) as Extract<CaseEvent, { type: 'RECORD_ASSESSMENT' }>;
    const res = await send(h, id, { ...assessment, needs: [{ side: 'familyAndEnvironment', description: 'Damp flat.' }] }, USERS.lead);
    expect(res.body.errors).toEqual([
      { field: 'needs.0.side', problems: [`needs.0.side is "familyAndEnvironment", which is not a side of the child's world in ${SHANARRI.name.en} (scotland-shanarri): use one of howIGrowAndDevelop, whatINeedFromPeopleWhoLookAfterMe, myWiderWorld`] },
    ]);
  });

  it('reviews rate against the framework the case started with: the organisation changes framework mid-case, the open case keeps its own, new cases and checklists take the new one', async () => {
    const shanarriChecklist = await makeChecklist(sampleChecklist({ ratings: shanarriRatings() }));
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('review.held', USERS.lead).map((s) => ({ ...s, event: onShanarri(s.event) })));

    // The organisation moves to Ireland's national outcomes (the built-in default).
    await h.dataSource.transaction((manager) => new OrganisationStore(manager).setOutcomeFramework('default', null));
    expect((await get(h, '/organisation/outcome-framework', USERS.lead)).body.framework.id).toBe('ireland-national-outcomes');

    // The open case is still rated on SHANARRI.
    expect(fields(await send(h, id, sampleEvent('RECORD_REVIEW'), USERS.lead))).toEqual(['ratings.0.outcome']);
    const review = await send(h, id, onShanarri(sampleEvent('RECORD_REVIEW')), USERS.lead);
    expect({ status: review.status, state: review.body.state }).toEqual({ status: 200, state: 'review.recorded' });
    expect((await get(h, `/cases/${id}`, USERS.lead)).body.record.outcomeFramework.id).toBe('scotland-shanarri');

    // A new case opens on Ireland's outcomes and refuses SHANARRI's.
    const newer = await openCase(h);
    expect((await get(h, `/cases/${newer.id}`, USERS.lead)).body.record.outcomeFramework.id).toBe('ireland-national-outcomes');
    await drive(h, newer.id, journeyTo('assessment.inProgress', USERS.lead));
    expect(fields(await send(h, newer.id, onShanarri(sampleEvent('RECORD_ASSESSMENT')), USERS.lead))).toEqual(['ratings.0.outcome', 'ratings.1.outcome', 'ratings.2.outcome']);
    expect((await send(h, newer.id, sampleEvent('RECORD_ASSESSMENT'), USERS.lead)).status).toBe(200);

    // A checklist rated on SHANARRI is no baseline for a case rated on Ireland's outcomes.
    const linked = await h.http.post('/cases').auth(await h.token(USERS.lead), { type: 'bearer' }).send(openCaseBody({ preRequestChecklistId: shanarriChecklist.body.id }));
    expect(linked.status).toBe(400);
    expect(linked.body.errors).toEqual([
      {
        field: 'preRequestChecklistId',
        problems: [
          `preRequestChecklistId names a checklist rated on ${SHANARRI.name.en} (scotland-shanarri), but new cases of area dublin-south-central are rated on Ireland's national outcomes for children (Better Outcomes, Brighter Futures) (ireland-national-outcomes): make a new pre-request checklist, or open the case without one`,
        ],
      },
    ]);
    expect((await makeChecklist(sampleChecklist())).body).toMatchObject({ outcomeFrameworkId: 'ireland-national-outcomes' });
  });
});
