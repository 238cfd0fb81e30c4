/**
 * The demo area and its people (fictional). Used by the seed, `npm run tokens` and the tests.
 * Ids are readable on purpose: they appear in tokens, URLs and the audit trail, never names.
 */
import type { Actor, Role } from '@tacu/domain';

export const DEMO_AREA = { id: 'dublin-south-central', name: 'Dublin South Central' } as const;

export interface DemoUser {
  id: string;
  role: Role;
  displayName: string;
  agency: string | null;
  /** What the person does in the demo, printed next to their token. */
  description: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'u-coord-0001', role: 'coordinator', displayName: 'Deirdre Walsh', agency: 'Tusla CFSN', description: 'area coordinator: sees every case of the area, registers requests' },
  { id: 'u-lp-0001', role: 'leadPractitioner', displayName: 'Aoife Byrne', agency: 'Scoil Bhríde National School', description: 'lead practitioner (school)' },
  { id: 'u-lp-0002', role: 'leadPractitioner', displayName: 'Ciarán Doyle', agency: 'Family Resource Centre', description: 'lead practitioner (family resource centre)' },
  { id: 'u-agency-0001', role: 'agencyPractitioner', displayName: 'Orla Nolan', agency: 'Public Health Nursing', description: 'agency practitioner: sees the cases whose meeting invites her' },
  { id: 'u-dlp-0001', role: 'designatedLiaisonPerson', displayName: 'Patrick Ryan', agency: 'Tusla CFSN', description: 'designated liaison person: handles concerns raised' },
  { id: 'u-mgr-0001', role: 'manager', displayName: 'Mary Brennan', agency: 'Tusla CFSN', description: 'manager: workflows and figures, no case narratives' },
];

export function demoActor(id: string): Actor {
  const user = DEMO_USERS.find((u) => u.id === id);
  if (!user) throw new Error(`no demo user ${id}`);
  return { id: user.id, role: user.role, areaId: DEMO_AREA.id, name: user.displayName };
}
