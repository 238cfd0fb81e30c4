/**
 * The demo area: its people, and (on an empty area) two families with cases in several stages,
 * each opened and driven through the API's own service (validation, need to know, naming rules),
 * with some of what practitioners record of the children, and two pre-request checklists (one
 * that led to Seán's request for support, one where no Meitheal was needed).
 *
 * All or nothing: people, families and every case with its whole journey are written in ONE
 * transaction, through `CasesService.openWithin` / `sendWithin`. A start killed while seeding leaves no
 * demo case at all, and the next start seeds the area whole (it seeds only an area without
 * cases, so a partial area would otherwise stay partial for good). Idempotent: people are
 * upserted, cases are seeded only when the area has none.
 */
import type { INestApplication } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseStore, OrganisationStore, PeopleStore, sql } from '@tacu/persistence';
import { sampleChecklist, sampleEvent } from '../app/cases/events/samples';
import type { NewChecklistInput } from '../app/checklists/checklists.dto';
import { ChecklistsService } from '../app/checklists/checklists.service';
import type { OpenCaseInput } from '../app/cases/open-case.dto';
import { CasesService } from '../app/cases/cases.service';
import { DEFAULT_OUTCOME_FRAMEWORK, DEFAULT_TIME_ZONE, localDay } from '@tacu/domain';
import { OrganisationOutcomeFrameworks, type Clock } from '@tacu/engine';
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
  /** Opened from a pre-request checklist its lead made (a request for support). */
  fromChecklist?: boolean;
}

/** The demo's pre-request checklists: one that led to a request for support (Seán's), one where no Meitheal was needed. */
const checklistOf = (childName: string, outcome: NewChecklistInput['outcome'], actionTaken?: string): NewChecklistInput => ({
  ...sampleChecklist({ areaId: DEMO_AREA.id, childName, outcome }),
  ...(actionTaken !== undefined ? { actionTaken } : {}),
});
const NO_MEITHEAL_NEEDED = checklistOf(
  'Ruairí Byrne',
  'noMeithealNeeded',
  'One need only, met by one service: referred to the school completion programme for a homework club; his father was given the family resource centre\'s number.',
);

const parent = (name: string, relationship = 'mother') => ({ name, relationship, hasParentalResponsibility: true });

/** Fictional families of the demo area, in several stages. */
const DEMO_CASES: DemoCase[] = [
  {
    lead: AOIFE,
    until: 'assessment.inProgress',
    fromChecklist: true,
    body: {
      origin: 'school',
      child: {
        name: 'Seán Murphy',
        dateOfBirth: '2018-09-21',
        gender: 'male',
        school: 'Scoil Bhríde National School, Tallaght',
        schoolClass: '2nd class',
        gp: 'Dr Ciara Lynch, Main Street Medical Centre, Tallaght',
        firstLanguage: 'English',
        interpreterNeeded: false,
        livesInHome: [{ name: 'Darren Kelly', relationship: "mother's partner" }],
        professionalsInvolved: [{ name: 'Dr Nuala Hayes', service: 'Speech and Language Therapy, HSE', contact: { phone: '+353 1 555 0101' } }],
        sensitive: { disabilityOrAdditionalNeeds: 'Speech and language delay; assessed in 2025.' },
      },
      familyMembers: [
        { ...parent('Siobhán Murphy'), sensitive: { address: '12 Church Road, Tallaght, Dublin 24' } },
        { name: 'Bridget Murphy', relationship: 'grandparent', hasParentalResponsibility: false },
      ],
    },
  },
  {
    lead: AOIFE,
    until: 'request.draft',
    siblingOf: 0,
    body: { origin: 'school', child: { name: 'Aoibhe Murphy', dateOfBirth: '2015-02-11', gender: 'female', school: 'Scoil Bhríde National School, Tallaght', schoolClass: '5th class' }, familyMembers: [] },
  },
  {
    lead: CIARAN,
    until: 'request.submitted',
    body: {
      origin: 'family',
      child: {
        name: 'Liam Kavanagh',
        dateOfBirth: '2016-06-03',
        gender: 'male',
        firstLanguage: 'Polish',
        interpreterNeeded: true,
        gp: 'Dr Marek Nowak, Crumlin Family Practice',
        sensitive: { ethnicity: 'Polish', religion: 'Catholic' },
      },
      familyMembers: [{ ...parent('Gráinne Kavanagh'), firstLanguage: 'Polish', interpreterNeeded: true }],
    },
  },
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
  /** Why no demo case was seeded though the area has none (its organisation rates on another framework). */
  skipped?: string;
}

export interface SeedOptions {
  /** Told after each demo case is written (inside the transaction): `seeded` of `total`. */
  onProgress?: (seeded: number, total: number) => void | Promise<void>;
}

/** The demo area and its users, upserted (inside the caller's transaction). */
async function writeDemoPeople(manager: EntityManager): Promise<void> {
  const people = new PeopleStore(manager);
  await people.upsertArea(DEMO_AREA);
  for (const user of DEMO_USERS) {
    await people.upsertUser({ id: user.id, areaId: DEMO_AREA.id, role: user.role, displayName: user.displayName, agency: user.agency });
  }
}

export async function seedDemoPeople(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(writeDemoPeople);
}

/** One demo case, opened and driven along its journey through the API's own checks, inside the seed's transaction. */
async function writeDemoCase(manager: EntityManager, cases: CasesService, checklists: ChecklistsService, demo: DemoCase, today: string, familyId?: string): Promise<{ familyId: string }> {
  const lead = demoActor(demo.lead);
  const child = demo.body.child?.name ?? '';
  const checklist = demo.fromChecklist ? await checklists.makeWithin(manager, lead, checklistOf(child, 'requestForSupport'), {}, null) : null;
  // Opened and driven exactly as POST /cases and POST /cases/:id/events would: a demo case is a case a person could have made.
  const caseId = await cases.openWithin(manager, lead, {
    ...demo.body,
    areaId: DEMO_AREA.id,
    leadPractitionerId: demo.lead,
    ...(familyId ? { familyId } : {}),
    ...(checklist ? { preRequestChecklistId: checklist.id } : {}),
  });
  for (const step of [...journeyTo(demo.until, demo.lead, today), ...(demo.then ?? [])]) {
    await cases.sendWithin(manager, step.by === 'lead' ? lead : demoActor(COORDINATOR), caseId, step.event);
  }
  const row = await new CaseStore(manager).find(caseId);
  if (!row?.familyId) throw new Error('the demo case has no family');
  return { familyId: row.familyId };
}

/** Seeds the demo area in one transaction; its cases only when the area has none yet (so a restart changes nothing). */
export async function seedDemo(app: INestApplication, options: SeedOptions = {}): Promise<SeedResult> {
  const dataSource = app.get<DataSource>(DATA_SOURCE);
  const cases = app.get(CasesService);
  return dataSource.transaction(async (manager) => {
    // Cases open today: their journeys' dates (consent signed, meetings held) move to the area's today too.
    const timeZone = (await new OrganisationStore(manager).timeZonesOfAreas([DEMO_AREA.id])).get(DEMO_AREA.id) ?? DEFAULT_TIME_ZONE;
    const today = localDay(app.get<Clock>(CLOCK).now(), timeZone);
    await writeDemoPeople(manager);
    // Two first starts on one server database seed once: the second waits here, then finds the cases.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tacu:demo-seed'))`);
    const { rows } = await sql<{ n: number }>(manager, `SELECT count(*)::int AS n FROM cases WHERE area_id = $1`, [DEMO_AREA.id]);
    if ((rows[0]?.n ?? 0) > 0) return { seededCases: 0 };
    // The demo families are rated on Ireland's national outcomes: on another framework their ratings would be refused.
    const framework = await new OrganisationOutcomeFrameworks().forArea(manager, DEMO_AREA.id);
    if (framework.id !== DEFAULT_OUTCOME_FRAMEWORK.id) {
      return { seededCases: 0, skipped: `the demo cases are rated on ${DEFAULT_OUTCOME_FRAMEWORK.id}, and the demo area's organisation rates on ${framework.id}` };
    }
    const checklists = app.get(ChecklistsService);
    await checklists.makeWithin(manager, demoActor(CIARAN), NO_MEITHEAL_NEEDED, {}, null);
    const families: string[] = [];
    for (const [index, demo] of DEMO_CASES.entries()) {
      const { familyId } = await writeDemoCase(manager, cases, checklists, demo, today, demo.siblingOf !== undefined ? families[demo.siblingOf] : undefined);
      families.push(familyId);
      await options.onProgress?.(index + 1, DEMO_CASES.length);
    }
    return { seededCases: DEMO_CASES.length };
  });
}
