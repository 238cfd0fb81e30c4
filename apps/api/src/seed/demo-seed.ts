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
import { DEFAULT_OUTCOME_FRAMEWORK, DEFAULT_TIME_ZONE, localDay, type CaseEvent } from '@tacu/domain';
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
  /** The family's own words in place of the sample family's (left out: Seán Murphy's family, whose words the samples are). */
  words?: FamilyWords;
}

/** What a demo family and its practitioners say of this child, in place of the samples' words about Seán. */
interface FamilyWords {
  reasonForRequest: string;
  /** The two desired outcomes of the assessment, which the plan's actions answer. */
  outcomes: [string, string];
  childView: string;
  parentsView: string;
  /** The child is a girl: "his" and "he" of the samples' texts become "her" and "she". */
  she?: boolean;
}

/** The samples' own words that a family's `FamilyWords` replace, whole. */
const SAMPLE_WORDS = {
  reasonForRequest: sampleEvent('RECORD_REQUEST_DETAILS').reasonForRequest,
  outcomes: sampleEvent('RECORD_ASSESSMENT').desiredOutcomes,
  childView: (sampleEvent('RECORD_ASSESSMENT').views.child as { words: string }).words,
  parentsView: (sampleEvent('RECORD_ASSESSMENT').views.parents as { words: string }).words,
};
/** The sample family's names, which each demo family's own replace. */
const SAMPLE_PARENT = 'Siobhán Murphy';
const SAMPLE_CHILD = 'Seán Murphy';

interface SeededMember {
  id: string;
  name: string;
  hasParentalResponsibility: boolean;
}

const firstName = (name: string): string => name.split(' ')[0] ?? name;

/** The samples' texts told of this family: its words, its child's and first parent's names (and pronouns). */
function wordsOf(words: FamilyWords | undefined, child: string, parent: string): (text: string) => string {
  const whole = new Map<string, string>(
    words
      ? [
          [SAMPLE_WORDS.reasonForRequest, words.reasonForRequest],
          ...SAMPLE_WORDS.outcomes.map((outcome, i): [string, string] => [outcome, words.outcomes[i] ?? outcome]),
          [SAMPLE_WORDS.childView, words.childView],
          [SAMPLE_WORDS.parentsView, words.parentsView],
        ]
      : [],
  );
  return (text) => {
    const replaced = whole.get(text);
    if (replaced !== undefined) return replaced;
    let told = text.replaceAll(SAMPLE_PARENT, parent).replaceAll(firstName(SAMPLE_PARENT), firstName(parent)).replaceAll(SAMPLE_CHILD, child).replaceAll(firstName(SAMPLE_CHILD), firstName(child));
    if (words?.she) told = told.replace(/\bhis\b/gu, 'her').replace(/\bhim\b/gu, 'her').replace(/\bhe\b/gu, 'she').replace(/\bHe\b/gu, 'She');
    return told;
  };
}

/** Every string of `value` told with `tell`; a person named by a family member's name alone gets their personId. */
function told(value: unknown, tell: (text: string) => string, members: readonly SeededMember[]): unknown {
  if (typeof value === 'string') return tell(value);
  if (Array.isArray(value)) return value.map((item) => told(item, tell, members));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) out[key] = told(child, tell, members);
  const member = typeof out['name'] === 'string' && out['personId'] === undefined ? members.find((m) => m.name === out['name']) : undefined;
  return member ? { ...out, personId: member.id } : out;
}

/**
 * The sample journey as this family lives it (domain.md "Request for support", "Action plan"):
 * its own words and names, the consent of each of its parents/carers with parental
 * responsibility on their own behalf, and the plan signed by each of them, the case moving on
 * at the last signature. Nobody of another family consents or signs for it.
 */
function familyJourney(steps: readonly JourneyStep[], demo: DemoCase, members: readonly SeededMember[], childPersonId: string): JourneyStep[] {
  const child = members.find((m) => m.id === childPersonId);
  // In the order the demo lists them (the family record's order is its ids'): the first is the one the samples' words speak of.
  const listed = demo.body.familyMembers.map((m) => m.name);
  const rank = (m: SeededMember): number => (listed.includes(m.name) ? listed.indexOf(m.name) : listed.length);
  const parents = members.filter((m) => m.hasParentalResponsibility && m.id !== childPersonId).sort((a, b) => rank(a) - rank(b));
  const [first] = parents;
  if (!child || !first) throw new Error(`demo case of ${demo.body.child?.name ?? 'a sibling'}: the family has no child or no parent/carer with parental responsibility`);
  const tell = wordsOf(demo.words, child.name, first.name);
  const pronoun = demo.words?.she ? 'her' : 'his';
  return steps.flatMap((step): JourneyStep[] => {
    const event = told(step.event, tell, members) as CaseEvent;
    if (event.type === 'RECORD_CONSENT') {
      return parents.map((p) => ({
        ...step,
        event: {
          ...event,
          givenBy: { name: p.name, personId: p.id, hasParentalResponsibility: true },
          youngPersonConsent: { given: false, reasonNotSought: `${firstName(child.name)} is under the age of consent; ${pronoun} views are sought in the assessment.` },
        },
      }));
    }
    if (event.type === 'SIGN_OFF_PLAN') {
      return parents.map((p, i) => ({
        ...step,
        event: { ...event, signedBy: { name: p.name, personId: p.id, as: 'parentCarer' as const } },
        // Active at the last signature of every parent/carer whose consent it rests on.
        state: i === parents.length - 1 ? step.state : 'actionPlan.awaitingFamilySignOff',
      }));
    }
    return [{ ...step, event }];
  });
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
    words: {
      reasonForRequest: 'Aoibhe has become withdrawn in class since her father died, and her mother asked the school for help for her as well as for Seán.',
      outcomes: ['Aoibhe has someone to talk to at school', 'Aoibhe joins an activity she enjoys again'],
      childView: 'I miss Daddy. I used to do camogie but I stopped.',
      parentsView: 'She keeps it all in; I worry she is minding me instead of herself.',
      she: true,
    },
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
    words: {
      reasonForRequest: 'Gráinne asked for help herself: Liam is anxious since the family moved here, and the family needs an interpreter for appointments.',
      outcomes: ['Liam feels settled in his new school', 'Gráinne can get to appointments with an interpreter'],
      childView: 'I do not understand the other boys yet. I like drawing.',
      parentsView: 'We are new here and I do not know who to ask for what.',
    },
  },
  {
    lead: CIARAN,
    until: 'actionPlan.awaitingFamilySignOff',
    body: { origin: 'health', child: { name: 'Ella Brennan', dateOfBirth: '2019-12-14' }, familyMembers: [parent('Laura Brennan'), parent('Tomás Brennan', 'father')] },
    words: {
      reasonForRequest: 'The public health nurse asked for support: Ella is not speaking much at six, and her parents are waiting for a speech and language assessment.',
      outcomes: ['Ella is understood at home and at school', 'Her parents know how to help her talk at home'],
      childView: 'Ella pointed to the picture of the swings and smiled when asked what she likes.',
      parentsView: 'We are waiting so long for the assessment; we want to help her now.',
      she: true,
    },
  },
  {
    lead: AOIFE,
    until: 'review.scheduled',
    body: { origin: 'community', child: { name: 'Jack Whelan', dateOfBirth: '2012-04-30' }, familyMembers: [parent('Sinéad Whelan')] },
    words: {
      reasonForRequest: 'The youth project asked for support: Jack is staying out late and has been suspended twice this year; his mother works nights.',
      outcomes: ['Jack stays in school and off suspension', 'Jack has somewhere to be in the evenings'],
      childView: 'School is boring. I only go for my friends. I would do boxing if it was near.',
      parentsView: 'I work nights and I cannot be there in the evenings; I am afraid of where he is.',
    },
  },
  {
    lead: AOIFE,
    until: 'assessment.inProgress',
    then: [{ by: 'lead', event: sampleEvent('RAISE_CONCERN'), state: 'escalation.raised' }],
    body: { origin: 'socialWorkStepDown', child: { name: 'Chloe Dunne', dateOfBirth: '2014-08-09' }, familyMembers: [parent('Karen Dunne')] },
    words: {
      reasonForRequest: 'Stepped down from social work: Chloe is often late and hungry at school, and Karen wants help with the household budget.',
      outcomes: ['Chloe has breakfast before school every day', 'Karen has a budget that lasts the week'],
      childView: 'I like art. Sometimes there is no breakfast so I am hungry.',
      parentsView: 'The money runs out before the week does and I am ashamed to ask.',
      she: true,
    },
  },
  {
    lead: CIARAN,
    until: 'closed',
    body: { origin: 'earlyYears', child: { name: 'Oisín Farrell', dateOfBirth: '2020-01-22' }, familyMembers: [parent('Nuala Farrell')] },
    words: {
      reasonForRequest: 'The pre-school asked for support: Oisín has tantrums every morning at drop-off, and his mother is on her own with three small children.',
      outcomes: ['Oisín settles at pre-school in the mornings', 'Nuala gets a break each week'],
      childView: 'Oisín said he likes the sand table and his teacher Mary.',
      parentsView: 'Mornings are a battle with the three of them; I am worn out.',
    },
  },
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
  const row = await new CaseStore(manager).find(caseId);
  if (!row?.familyId || !row.childPersonId) throw new Error('the demo case has no family');
  const members = await new PeopleStore(manager).listMembers(row.familyId);
  for (const step of familyJourney([...journeyTo(demo.until, demo.lead, today), ...(demo.then ?? [])], demo, members, row.childPersonId)) {
    const result = await cases.sendWithin(manager, step.by === 'lead' ? lead : demoActor(COORDINATOR), caseId, step.event);
    if (result.state !== step.state) throw new Error(`demo case of ${child || 'a sibling'}: ${step.event.type} led to ${result.state}, not ${step.state}`);
  }
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
