/**
 * The fictional Murphy family of the samples (apps/api/src/app/cases/events/samples.ts): Seán,
 * 7, who misses school since his father died; his mother Siobhán; his grandmother Bridget; the
 * lead practitioner Aoife Byrne. The fixtures of every document are about them, at fixed instants
 * (so rendered documents are stable), in the Europe/Dublin time zone.
 */
import { IRELAND_OUTCOME_FRAMEWORK as ENGLISH_ONLY } from '@tacu/domain';
import { withKnownIrish } from '../framework-irish';
import type { BaseViewModel, ContactView, PersonView, RatingScaleView } from '../view-model';

/** The heading and child of a Murphy document produced at `producedAt` (ISO, UTC). */
export function murphyBase(producedAt: string): BaseViewModel {
  return {
    document: {
      caseReference: 'DSC-2026-0142',
      producedAt,
      timeZone: 'Europe/Dublin',
      areaName: 'Dublin South Central',
      organisationName: 'Tusla Child and Family Support Network, Dublin South Central',
    },
    child: { name: 'Seán Murphy', dateOfBirth: '2018-09-21' },
  };
}

export const SIOBHAN: PersonView = { name: 'Siobhán Murphy', relationship: 'mother', agency: null };
export const BRIDGET: PersonView = { name: 'Bridget Murphy', relationship: 'grandmother', agency: null };
export const AOIFE: PersonView = { name: 'Aoife Byrne', relationship: null, agency: 'Scoil Bhríde National School' };
export const NIAMH: PersonView = { name: 'Niamh Kelly', relationship: null, agency: 'Scoil Bhríde National School' };
export const ORLA: PersonView = { name: 'Orla Doyle', relationship: null, agency: 'Public Health Nursing' };
export const CIARAN: PersonView = { name: 'Ciarán Walsh', relationship: null, agency: 'Tallaght Family Resource Centre' };

/** The lead practitioner, as the family versions give her under "who to call". */
export const AOIFE_CONTACT: ContactView = { name: 'Aoife Byrne', agency: 'Scoil Bhríde National School', phone: '+353 1 555 0123', email: 'aoife.byrne@example.ie' };

/** Ireland's framework as a case's documents read it: with the documents' Irish of its texts. */
export const IRELAND_OUTCOME_FRAMEWORK = withKnownIrish(ENGLISH_ONLY);

/** Ireland's national outcomes, rated 1 to 3. */
export const IRELAND_SCALE: RatingScaleView = {
  frameworkName: IRELAND_OUTCOME_FRAMEWORK.name,
  min: IRELAND_OUTCOME_FRAMEWORK.scale.min,
  max: IRELAND_OUTCOME_FRAMEWORK.scale.max,
};

const outcome = (id: string) => IRELAND_OUTCOME_FRAMEWORK.outcomes.find((o) => o.id === id)?.label ?? { en: id };
const point = (value: number) => IRELAND_OUTCOME_FRAMEWORK.scale.labels.find((l) => l.value === value)?.label ?? null;

/** A rating of the Irish framework's outcome `id`, with the one it is compared with. */
export function irishRating(id: string, value: number, reason: string, before: number | null = null) {
  return { outcome: outcome(id), value, label: point(value), reason, before: before === null ? null : { value: before, label: point(before) } };
}

