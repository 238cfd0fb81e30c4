import type { CaseEvent } from '../events';
import { IRELAND_OUTCOME_FRAMEWORK, type OutcomeFramework } from '../outcome-frameworks';
import { eventFrameworkProblems, ratingProblems, sideProblems } from './framework.rules';

const SHANARRI: OutcomeFramework = {
  id: 'scotland-shanarri',
  name: { en: 'SHANARRI' },
  source: 'Children and Young People (Scotland) Act 2014, s. 96(2)',
  outcomes: ['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included'].map((id) => ({ id, label: { en: id } })),
  sides: [{ id: 'howIGrowAndDevelop', label: { en: 'How I grow and develop' } }],
  scale: { min: 1, max: 5, labels: [{ value: 1, label: { en: 'Not at all' } }, { value: 5, label: { en: 'Very' } }] },
};

describe("ratings are checked against the case's own framework", () => {
  it('an outcome the framework does not have is refused, naming the ones it has', () => {
    expect(ratingProblems('ratings', [{ outcome: 'safeAndProtected', rating: 2 }], SHANARRI)).toEqual([
      {
        field: 'ratings.0.outcome',
        problem: 'ratings.0.outcome is "safeAndProtected", which is not an outcome of SHANARRI (scotland-shanarri), the framework this is rated on: use one of safe, healthy, achieving, nurtured, active, respected, responsible, included',
      },
    ]);
    expect(ratingProblems('ratings', [{ outcome: 'safe', rating: 2 }], IRELAND_OUTCOME_FRAMEWORK)[0]?.field).toBe('ratings.0.outcome');
  });

  it("a rating off the framework's scale is refused, saying the scale in words", () => {
    expect(ratingProblems('finalRatings', [{ outcome: 'safeAndProtected', rating: 4 }], IRELAND_OUTCOME_FRAMEWORK)).toEqual([
      {
        field: 'finalRatings.0.rating',
        problem: "finalRatings.0.rating is 4, off the scale of Ireland's national outcomes for children (Better Outcomes, Brighter Futures) (ireland-national-outcomes): rate from 1 (little progress) to 3 (on target)",
      },
    ]);
    expect(ratingProblems('ratings', [{ outcome: 'safe', rating: 4 }, { outcome: 'healthy', rating: 5 }], SHANARRI)).toEqual([]);
    expect(ratingProblems('ratings', [{ outcome: 'safe', rating: 0 }], SHANARRI)[0]?.problem).toMatch(/rate from 1 \(not at all\) to 5 \(very\)$/);
  });

  it('where every outcome is rated (a pre-request checklist), a missing one is named; an outcome rated twice is refused', () => {
    const four = ['activeAndHealthy', 'achievingFullPotential', 'safeAndProtected', 'economicSecurity'].map((outcome) => ({ outcome, rating: 2 }));
    expect(ratingProblems('ratings', four, IRELAND_OUTCOME_FRAMEWORK)).toEqual([]);
    expect(ratingProblems('ratings', four, IRELAND_OUTCOME_FRAMEWORK, { everyOutcome: true })).toEqual([
      { field: 'ratings', problem: "ratings must rate every outcome of Ireland's national outcomes for children (Better Outcomes, Brighter Futures) (ireland-national-outcomes), each once: connectedRespectedContributing is not rated" },
    ]);
    expect(ratingProblems('ratings', [{ outcome: 'safe', rating: 2 }, { outcome: 'safe', rating: 3 }], SHANARRI)).toEqual([{ field: 'ratings', problem: 'ratings rates safe more than once; rate each outcome once' }]);
    // Every outcome rated: nothing missing; two missing are named together.
    const all = IRELAND_OUTCOME_FRAMEWORK.outcomes.map((o) => ({ outcome: o.id, rating: 1 }));
    expect(ratingProblems('ratings', all, IRELAND_OUTCOME_FRAMEWORK, { everyOutcome: true })).toEqual([]);
    expect(ratingProblems('ratings', four.slice(0, 3), IRELAND_OUTCOME_FRAMEWORK, { everyOutcome: true })).toEqual([
      { field: 'ratings', problem: "ratings must rate every outcome of Ireland's national outcomes for children (Better Outcomes, Brighter Futures) (ireland-national-outcomes), each once: economicSecurity, connectedRespectedContributing are not rated" },
    ]);
  });

  it('the ends of the scale are on it; a fraction is not', () => {
    expect(ratingProblems('ratings', [{ outcome: 'safe', rating: 1 }, { outcome: 'healthy', rating: 5 }], SHANARRI)).toEqual([]);
    expect(ratingProblems('ratings', [{ outcome: 'safe', rating: 0 }, { outcome: 'healthy', rating: 6 }, { outcome: 'active', rating: 2.5 }], SHANARRI).map((p) => p.field)).toEqual([
      'ratings.0.rating',
      'ratings.1.rating',
      'ratings.2.rating',
    ]);
  });

  it("strengths and needs sit on a side of the framework's triangle", () => {
    expect(sideProblems('needs', [{ side: 'howIGrowAndDevelop' }, { side: 'myWiderWorld' }], SHANARRI)).toEqual([
      { field: 'needs.1.side', problem: 'needs.1.side is "myWiderWorld", which is not a side of the child\'s world in SHANARRI (scotland-shanarri): use one of howIGrowAndDevelop' },
    ]);
  });

  it('every rated event: the request\'s baseline, the assessment, each review, closure', () => {
    const bad = [{ outcome: 'activeAndHealthy', rating: 2, reason: 'x' }];
    const events = [
      { type: 'RECORD_REQUEST_DETAILS', reasonForRequest: 'x', preRequestChecklist: { ratings: bad, completedWithParent: true, completedWithChild: false } },
      { type: 'RECORD_ASSESSMENT', strengths: [{ side: 'myWiderWorld', description: 'x' }], needs: [{ side: 'myWiderWorld', description: 'y' }], desiredOutcomes: [], views: {}, ratings: bad },
      { type: 'RECORD_REVIEW', progress: [], ratings: bad, familyViews: { words: 'x' }, childViews: { words: 'x' }, minutes: 'x' },
      { type: 'RECORD_CLOSURE_FEEDBACK', familyFeedback: { words: 'x' }, childFeedback: { words: 'x' }, finalRatings: bad, onwardReferrals: [] },
      { type: 'HOLD_REVIEW', heldOn: '2026-03-02', attendance: [], apologies: [], chair: { name: 'x' } },
    ] as unknown as CaseEvent[];
    expect(events.map((e) => eventFrameworkProblems(e, SHANARRI).map((p) => p.field))).toEqual([
      ['preRequestChecklist.ratings.0.outcome'],
      ['strengths.0.side', 'needs.0.side', 'ratings.0.outcome'],
      ['ratings.0.outcome'],
      ['finalRatings.0.outcome'],
      [],
    ]);
    expect(events.flatMap((e) => eventFrameworkProblems(e, IRELAND_OUTCOME_FRAMEWORK))).toEqual([]);
  });
});
