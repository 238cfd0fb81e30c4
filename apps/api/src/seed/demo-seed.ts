/**
 * The demo area: its people, and (on an empty database) two families with cases in several
 * stages, each driven through the real API service and engine. Idempotent: people are upserted,
 * cases are seeded only when the area has none.
 */
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { sampleEvent } from '../app/cases/events/samples';
import type { OpenCaseInput } from '../app/cases/open-case.dto';
import { CasesService } from '../app/cases/cases.service';
import { localDay } from '@tacu/domain';
import type { Clock } from '@tacu/engine';
import { PeopleStore, sql } from '@tacu/persistence';
import { organisationTimeZone } from '../app/cases/case-dates';
import { CLOCK, DATA_SOURCE } from '../app/core/tokens';
import { DEMO_AREA, DEMO_USERS, demoActor } from './demo-people';
import { journeyTo, type JourneyStep } from './journey';

const COORDINATOR = 'u-coord-0001';
const AOIFE = 'u-lp-0001';
const CIARAN = 'u-lp-0002';

interface DemoCase {
  lead: string;
  /** The state the seed drives the case to. */
  until: string;
  body: Omit<OpenCaseInput, 'areaId' | 'leadPractitionerId'>;
  /** Opened as a sibling of the case at this index (same family). */
  siblingOf?: number;
  /** Extra steps after `until` (e.g. a concern raised). */
  then?: JourneyStep[];
}

const parent = (name: string, relationship = 'mother') => ({ name, relationship, hasParentalResponsibility: true });

/** Fictional families of the demo area, in several stages. */
const DEMO_CASES: DemoCase[] = [
  {
    lead: AOIFE,
    until: 'assessment.inProgress',
    body: {
      origin: 'school',
      child: { name: 'Seán Murphy', dateOfBirth: '2018-09-21' },
      familyMembers: [
        { ...parent('Siobhán Murphy'), sensitive: { address: '12 Church Road, Tallaght, Dublin 24' } },
        { name: 'Bridget Murphy', relationship: 'grandparent', hasParentalResponsibility: false },
      ],
    },
  },
  { lead: AOIFE, until: 'request.draft', siblingOf: 0, body: { origin: 'school', child: { name: 'Aoibhe Murphy', dateOfBirth: '2015-02-11' }, familyMembers: [] } },
  { lead: CIARAN, until: 'request.submitted', body: { origin: 'family', child: { name: 'Liam Kavanagh', dateOfBirth: '2016-06-03' }, familyMembers: [parent('Gráinne Kavanagh')] } },
  {
    lead: CIARAN,
    until: 'actionPlan.awaitingFamilySignOff',
    body: { origin: 'health', child: { name: 'Ella Brennan', dateOfBirth: '2019-12-14' }, familyMembers: [parent('Tomás Brennan', 'father'), parent('Laura Brennan')] },
  },
  { lead: AOIFE, until: 'review.scheduled', body: { origin: 'community', child: { name: 'Jack Whelan', dateOfBirth: '2012-04-30' }, familyMembers: [parent('Sinéad Whelan')] } },
  {
    lead: AOIFE,
    until: 'assessment.inProgress',
    then: [{ by: 'lead', event: sampleEvent('RAISE_CONCERN'), state: 'escalation.raised' }],
    body: { origin: 'socialWorkStepDown', child: { name: 'Chloe Dunne', dateOfBirth: '2014-08-09' }, familyMembers: [parent('Karen Dunne')] },
  },
  { lead: CIARAN, until: 'closed', body: { origin: 'earlyYears', child: { name: 'Oisín Farrell', dateOfBirth: '2020-01-22' }, familyMembers: [parent('Nuala Farrell')] } },
];

export interface SeedResult {
  seededCases: number;
}

export async function seedDemoPeople(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const people = new PeopleStore(manager);
    await people.upsertArea(DEMO_AREA);
    for (const user of DEMO_USERS) {
      await people.upsertUser({ id: user.id, areaId: DEMO_AREA.id, role: user.role, displayName: user.displayName, agency: user.agency });
    }
  });
}

/** Seeds the demo area; its cases only when the area has none yet (so a restart changes nothing). */
export async function seedDemo(app: INestApplication): Promise<SeedResult> {
  const dataSource = app.get<DataSource>(DATA_SOURCE);
  await seedDemoPeople(dataSource);
  const { rows } = await sql<{ n: number }>(dataSource.manager, `SELECT count(*)::int AS n FROM cases WHERE area_id = $1`, [DEMO_AREA.id]);
  if ((rows[0]?.n ?? 0) > 0) return { seededCases: 0 };
  const cases = app.get(CasesService);
  // Cases open today: their journeys' dates (consent signed, meetings held) move to today too.
  const today = localDay(app.get<Clock>(CLOCK).now(), organisationTimeZone());
  const opened: { id: string; familyId: string | null }[] = [];
  for (const demo of DEMO_CASES) {
    const lead = demoActor(demo.lead);
    const familyId = demo.siblingOf !== undefined ? opened[demo.siblingOf]?.familyId : undefined;
    const created = await cases.open(lead, { ...demo.body, areaId: DEMO_AREA.id, leadPractitionerId: demo.lead, ...(familyId ? { familyId } : {}) });
    opened.push({ id: created.id, familyId: created.familyId });
    for (const step of [...journeyTo(demo.until, demo.lead, today), ...(demo.then ?? [])]) {
      await cases.send(step.by === 'lead' ? lead : demoActor(COORDINATOR), created.id, step.event, {});
    }
  }
  return { seededCases: opened.length };
}
