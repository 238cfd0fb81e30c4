/**
 * Ratings against the case's own outcome framework (outcome-frameworks.ts): every rating of a case
 * (the baseline of the request, the assessment, each review, closure) names an outcome of the
 * framework the case started with, once, on that framework's scale; every strength or need sits on
 * one of its sides; a pre-request checklist rates every outcome (Tusla's Pre-Meitheal Checklist
 * rates all five national outcomes). Pure: the caller reads the framework from the case.
 */
import type { CaseEvent, OutcomeRating, StrengthOrNeed } from '../events';
import { scalePoint, type OutcomeFramework } from '../outcome-frameworks';

/** One field that does not fit the framework, and what to write instead. */
export interface FrameworkProblem {
  field: string;
  problem: string;
}

const named = (framework: OutcomeFramework) => `${framework.name.en} (${framework.id})`;

/**
 * Problems of a list of ratings at `field` against `framework`: an outcome it does not have, a
 * rating off its scale, an outcome rated twice, and (with `everyOutcome`) an outcome not rated.
 */
export function ratingProblems(
  field: string,
  ratings: readonly Pick<OutcomeRating, 'outcome' | 'rating'>[],
  framework: OutcomeFramework,
  options: { everyOutcome?: boolean } = {},
): FrameworkProblem[] {
  const ids = framework.outcomes.map((o) => o.id);
  const { min, max } = framework.scale;
  const problems: FrameworkProblem[] = [];
  const rated = new Set<string>();
  ratings.forEach((r, i) => {
    if (!ids.includes(r.outcome)) {
      problems.push({
        field: `${field}.${i}.outcome`,
        problem: `${field}.${i}.outcome is "${r.outcome}", which is not an outcome of ${named(framework)}, the framework this is rated on: use one of ${ids.join(', ')}`,
      });
    } else if (rated.has(r.outcome)) {
      problems.push({ field, problem: `${field} rates ${r.outcome} more than once; rate each outcome once` });
    }
    rated.add(r.outcome);
    if (!Number.isInteger(r.rating) || r.rating < min || r.rating > max) {
      problems.push({
        field: `${field}.${i}.rating`,
        problem: `${field}.${i}.rating is ${r.rating}, off the scale of ${named(framework)}: rate from ${scalePoint(framework.scale, min)} to ${scalePoint(framework.scale, max)}`,
      });
    }
  });
  if (options.everyOutcome) {
    const missing = ids.filter((id) => !rated.has(id));
    if (missing.length > 0) {
      problems.push({
        field,
        problem: `${field} must rate every outcome of ${named(framework)}, each once: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not rated`,
      });
    }
  }
  return problems;
}

/** Problems of strengths or needs at `field` whose side is not one of the framework's sides. */
export function sideProblems(field: string, items: readonly Pick<StrengthOrNeed, 'side'>[], framework: OutcomeFramework): FrameworkProblem[] {
  const ids = framework.sides.map((s) => s.id);
  return items.flatMap((item, i) =>
    ids.includes(item.side)
      ? []
      : [{ field: `${field}.${i}.side`, problem: `${field}.${i}.side is "${item.side}", which is not a side of the child's world in ${named(framework)}: use one of ${ids.join(', ')}` }],
  );
}

/** The framework rules of one event's fields (events without ratings or sides have none). */
export function eventFrameworkProblems(event: CaseEvent, framework: OutcomeFramework): FrameworkProblem[] {
  switch (event.type) {
    case 'RECORD_REQUEST_DETAILS':
      return event.preRequestChecklist ? ratingProblems('preRequestChecklist.ratings', event.preRequestChecklist.ratings, framework) : [];
    case 'RECORD_ASSESSMENT':
      return [
        ...sideProblems('strengths', event.strengths, framework),
        ...sideProblems('needs', event.needs, framework),
        ...ratingProblems('ratings', event.ratings ?? [], framework),
      ];
    case 'RECORD_REVIEW':
      return ratingProblems('ratings', event.ratings, framework);
    case 'RECORD_CLOSURE_FEEDBACK':
      return ratingProblems('finalRatings', event.finalRatings, framework);
    default:
      return [];
  }
}
