/**
 * The demo seed is all or nothing: a first start killed while seeding (a real `kill -9` of a
 * real process, on a real data folder) or a seed that fails half-way leaves no demo case,
 * no demo family and no demo checklist, and the next start seeds the whole area; a further
 * start seeds nothing.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { openDataSource, TEMPLATE_ENV } from '@tacu/persistence';
import { createApp, DEMO_AREA, loadConfig, seedDemo } from './support/api';
import { startHarness, type Harness } from './support/harness';

const ROOT = resolve(__dirname, '../..');

/** The demo area's cases (state by state), families and pre-request checklists, as the database holds them. */
async function demoArea(ds: DataSource): Promise<{ cases: string[]; families: number; checklists: number }> {
  const cases = (await ds.query(`SELECT state FROM cases WHERE area_id = $1 ORDER BY state`, [DEMO_AREA.id])) as { state: string }[];
  const [families] = (await ds.query(`SELECT count(*)::int AS n FROM families WHERE area_id = $1`, [DEMO_AREA.id])) as { n: number }[];
  const [checklists] = (await ds.query(`SELECT count(*)::int AS n FROM pre_request_checklists WHERE area_id = $1`, [DEMO_AREA.id])) as { n: number }[];
  return { cases: cases.map((c) => c.state), families: families?.n ?? 0, checklists: checklists?.n ?? 0 };
}

const SEEDED = {
  cases: ['actionPlan.awaitingFamilySignOff', 'assessment.inProgress', 'closed', 'escalation.raised', 'request.draft', 'request.submitted', 'review.scheduled'],
  families: 6,
  checklists: 2,
};

describe('the demo seed, all or nothing', () => {
  it('a seed that fails half-way leaves nothing; the next one seeds the whole area, and a third nothing', async () => {
    const h: Harness = await startHarness();
    try {
      const failing = seedDemo(h.app, {
        onProgress: (seeded) => {
          if (seeded === 4) throw new Error('stopped after four cases');
        },
      });
      await expect(failing).rejects.toThrow('stopped after four cases');
      expect(await demoArea(h.dataSource)).toEqual({ cases: [], families: 0, checklists: 0 });

      expect(await seedDemo(h.app)).toEqual({ seededCases: 7 });
      expect(await demoArea(h.dataSource)).toEqual(SEEDED);
      expect(await seedDemo(h.app)).toEqual({ seededCases: 0 });
      expect((await demoArea(h.dataSource)).cases).toHaveLength(7);
    } finally {
      await h.close();
    }
  });

  it("demo children have some of what practitioners record, and two pre-request checklists: Seán's request, and one where no Meitheal was needed", async () => {
    const h: Harness = await startHarness();
    try {
      await seedDemo(h.app);
      const coordinator = async (path: string) => (await h.http.get(path).auth(await h.token('u-coord-0001'), { type: 'bearer' })).body;
      const checklists = (await coordinator('/pre-request-checklists')).items as Array<{ childName: string; outcome: string; linked: boolean; caseId: string | null; actionTaken: string | null }>;
      expect(checklists.map(({ childName, outcome, linked }) => ({ childName, outcome, linked })).sort((a, b) => a.childName.localeCompare(b.childName))).toEqual([
        { childName: 'Ruairí Byrne', outcome: 'noMeithealNeeded', linked: false },
        { childName: 'Seán Murphy', outcome: 'requestForSupport', linked: true },
      ]);
      expect(await coordinator('/pre-request-checklists/figures')).toMatchObject({ total: 2, requestForSupport: 1, noMeithealNeeded: 1, linkedToCase: 1 });
      const seansCase = checklists.find((k) => k.childName === 'Seán Murphy')?.caseId ?? '';
      const sean = (await coordinator(`/cases/${seansCase}`)) as { preRequestChecklistId: string | null; childPersonId: string; familyMembers: Array<Record<string, unknown>> };
      expect(sean.preRequestChecklistId).not.toBeNull();
      expect(sean.familyMembers.find((m) => m['id'] === sean.childPersonId)).toMatchObject({ school: 'Scoil Bhríde National School, Tallaght', schoolClass: '2nd class', sensitive: { disabilityOrAdditionalNeeds: 'Speech and language delay; assessed in 2025.' } });
    } finally {
      await h.close();
    }
  });

  it("every demo case rests on its own family's consent and sign-off, in its own words", async () => {
    const h: Harness = await startHarness();
    try {
      await seedDemo(h.app);
      const coordinator = async (path: string) => (await h.http.get(path).auth(await h.token('u-coord-0001'), { type: 'bearer' })).body;
      const ids = ((await coordinator('/cases?limit=50')).items as Array<{ id: string }>).map((c) => c.id);
      expect(ids).toHaveLength(7);
      type Person = { name: string; personId?: string };
      const seen: Array<{ child: string; consents: string[]; signed: string[] }> = [];
      for (const id of ids) {
        const c = (await coordinator(`/cases/${id}`)) as {
          childPersonId: string;
          familyMembers: Array<{ id: string; name: string; hasParentalResponsibility: boolean }>;
          record: { consents: Array<{ givenBy: Person }>; plan: { signOffs: Array<{ signedBy: Person }> } };
        };
        const family = new Map(c.familyMembers.map((m) => [m.id, m]));
        const child = family.get(c.childPersonId)?.name ?? '';
        // Each consent and signature names a member of this family by id, under the family record's name, with parental responsibility.
        for (const person of [...c.record.consents.map((k) => k.givenBy), ...c.record.plan.signOffs.map((s) => s.signedBy)]) {
          const member = family.get(person.personId ?? '');
          expect({ child, person, member: member && { name: member.name, pr: member.hasParentalResponsibility } }).toEqual({ child, person, member: { name: person.name, pr: true } });
        }
        // No family's record speaks of the Murphys' children but the Murphys'.
        if (!c.familyMembers.some((m) => m.name === 'Siobhán Murphy')) expect({ child, record: JSON.stringify(c.record) }).toEqual({ child, record: expect.not.stringMatching(/Seán|Siobhán/) });
        seen.push({ child, consents: c.record.consents.map((k) => k.givenBy.name), signed: c.record.plan.signOffs.map((s) => s.signedBy.name) });
      }
      expect(seen.sort((a, b) => a.child.localeCompare(b.child))).toEqual([
        { child: 'Aoibhe Murphy', consents: [], signed: [] },
        { child: 'Chloe Dunne', consents: ['Karen Dunne'], signed: [] },
        { child: 'Ella Brennan', consents: ['Laura Brennan', 'Tomás Brennan'], signed: [] },
        { child: 'Jack Whelan', consents: ['Sinéad Whelan'], signed: ['Sinéad Whelan'] },
        { child: 'Liam Kavanagh', consents: ['Gráinne Kavanagh'], signed: [] },
        { child: 'Oisín Farrell', consents: ['Nuala Farrell'], signed: ['Nuala Farrell'] },
        { child: 'Seán Murphy', consents: ['Siobhán Murphy'], signed: [] },
      ]);
    } finally {
      await h.close();
    }
  });

  it('a first start killed with -9 while seeding leaves nothing, and the next start seeds the whole area', async () => {
    const template = process.env[TEMPLATE_ENV];
    if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run through Jest's global setup`);
    const dataDir = mkdtempSync(join(tmpdir(), 'tacu-seed-'));
    try {
      cpSync(template, dataDir, { recursive: true });
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/e2e/support/seed-until-killed.ts', dataDir, '4'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.once('exit', (code, signal) => res({ code, signal })));
      expect({ ...ended, stderr }).toEqual({ code: null, signal: 'SIGKILL', stderr: '' });

      const ds = await openDataSource({ dataDir });
      try {
        expect(await demoArea(ds)).toEqual({ cases: [], families: 0, checklists: 0 });
        const app = await createApp({ config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', TIMER_INTERVAL_MS: '0' }), dataSource: ds }, { abortOnError: false });
        try {
          expect(await seedDemo(app)).toEqual({ seededCases: 7 });
          expect(await demoArea(ds)).toEqual(SEEDED);
        } finally {
          await app.close();
        }
      } finally {
        await ds.destroy();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
