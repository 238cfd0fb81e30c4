/**
 * Strengths and Needs record (domain.md process 2, the Meitheal Strengths and Needs form):
 * strengths and needs on each side of the child's world (the case's framework's sides: Ireland's
 * "My World" triangle by default), desired outcomes, the separate views of the child, the parents
 * and the practitioner, and the ratings. Produced in `assessment.completed` and
 * `assessment.agreedByFamily`.
 */
import type { LocalisedText } from '@tacu/domain';
import type { CaseContext } from '@tacu/workflows';
import { baseOf, frameworkOfCase, ownWordsOf, ratingsOf, scaleOf } from '../builder-kit';
import type { BuildInput } from '../facts';
import type { BaseViewModel, OwnWords, RatingScaleView, RatingView } from '../view-model';

/** A strength or a need as the record states it, with the optional 0-10 scale (10 the best). */
export interface StrengthOrNeedView {
  description: string;
  scale: number | null;
  category: string | null;
}

/** One side of the child's world with its strengths and needs. */
export interface WorldSideView {
  side: LocalisedText;
  description: LocalisedText | null;
  strengths: StrengthOrNeedView[];
  needs: StrengthOrNeedView[];
}

export interface StrengthsAndNeedsRecordView extends BaseViewModel {
  sides: WorldSideView[];
  desiredOutcomes: string[];
  views: { child: OwnWords; parents: OwnWords; practitioner: string | null };
  ratings: RatingView[];
  scale: RatingScaleView;
  /** Instants (ISO, UTC), or null. */
  completedAt: string | null;
  agreedBy: string | null;
  agreedAt: string | null;
  /** Why the assessment was reopened before, oldest first. */
  reopenReasons: string[];
}

/** The Strengths and Needs record as the context holds it when the assessment is completed or agreed. */
export function buildStrengthsAndNeedsRecord(input: BuildInput<CaseContext>): StrengthsAndNeedsRecordView {
  const { context } = input;
  const framework = frameworkOfCase(context);
  const record = context.assessment.record;
  const item = (s: { description: string; scale?: number; category?: string }): StrengthOrNeedView => ({
    description: s.description,
    scale: s.scale ?? null,
    category: s.category ?? null,
  });
  const known = new Set(framework.sides.map((s) => s.id));
  const sides: WorldSideView[] = framework.sides.map((side) => ({
    side: side.label,
    description: side.description ?? null,
    strengths: (record?.strengths ?? []).filter((s) => s.side === side.id).map(item),
    needs: (record?.needs ?? []).filter((s) => s.side === side.id).map(item),
  }));
  // A side the framework does not name (a record older than its copy) is shown under its id.
  for (const id of new Set([...(record?.strengths ?? []), ...(record?.needs ?? [])].map((s) => s.side).filter((s) => !known.has(s)))) {
    sides.push({
      side: { en: id },
      description: null,
      strengths: (record?.strengths ?? []).filter((s) => s.side === id).map(item),
      needs: (record?.needs ?? []).filter((s) => s.side === id).map(item),
    });
  }
  return {
    ...baseOf(input),
    sides,
    desiredOutcomes: [...(record?.desiredOutcomes ?? [])],
    views: { child: ownWordsOf(record?.views.child), parents: ownWordsOf(record?.views.parents), practitioner: record?.views.practitioner ?? null },
    ratings: ratingsOf(record?.ratings ?? [], framework, [context.request.preRequestChecklist?.ratings ?? []]),
    scale: scaleOf(framework),
    completedAt: context.assessment.completedAt,
    agreedBy: context.assessment.agreedBy?.name ?? null,
    agreedAt: context.assessment.agreedAt,
    reopenReasons: [...context.assessment.reopenReasons],
  };
}

