/** The case page's pure parts: the step a case is at, the steps drawn, deadlines and the timeline in words. */
import type { WorkingCalendar } from '@tacu/domain';
import { dateInWords, deadlineView, processStepOf, stepsOf, timelineItem, type TimelineEntry } from './case-page.view';

/** June 2026 in Dublin: the June bank holiday (Monday 1 June) closed. */
const JUNE: WorkingCalendar = { timeZone: 'Europe/Dublin', closedDays: ['2026-06-01'], from: '2026-01-01', to: '2026-12-31' };

const entry = (eventType: string, fromState: string | null, toState: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
  at: '2026-03-02T09:00:00.000Z',
  actor: { id: 'u-lp-0001', role: 'leadPractitioner' },
  eventType,
  fromState,
  toState,
  data: {},
  ...extra,
});
const NAMES = new Map([['u-lp-0001', 'Aoife Byrne']]);

describe('where the case stands', () => {
  it('is its stage while the process runs', () => {
    expect(processStepOf('meeting', [])).toBe('meeting');
  });

  it('is the stage a concern was raised in while the concern holds the case', () => {
    const history = [
      entry('OPEN_CASE', null, 'request.draft'),
      entry('REGISTER_REQUEST', 'request.submitted', 'assessment.inProgress'),
      entry('RAISE_CONCERN', 'assessment.inProgress', 'escalation.raised'),
      entry('CONSULT_LIAISON', 'escalation.raised', 'escalation.liaisonConsulted'),
    ];
    expect(processStepOf('escalation', history)).toBe('assessment');
    expect(processStepOf('escalation', [])).toBeNull();
  });

  it('draws the steps before it done, it current, the rest to come; all done once closed', () => {
    expect(stepsOf('meeting', false, 'en').map((s) => `${s.label}: ${s.statusText}`)).toEqual([
      'Request for support: Done',
      'Strengths and needs assessment: Done',
      'Support meeting: Current step',
      'Action plan: To come',
      'Review: To come',
      'Closure: To come',
    ]);
    expect(stepsOf('closure', true, 'en').every((s) => s.status === 'done')).toBe(true);
    expect(stepsOf('request', true, 'en').map((s) => s.status)).toEqual(['done', 'notReached', 'notReached', 'notReached', 'notReached', 'notReached']);
    expect(stepsOf('request', false, 'ga')[0]).toEqual({ label: 'Iarratas ar thacaíocht', status: 'current', statusText: 'An chéim reatha' });
  });
});

describe('deadlines and the timeline in words', () => {
  it('a deadline says what is due, its day and how far in working days', () => {
    expect(deadlineView({ name: 'assessmentCompletion', dueOn: '2026-06-12' }, '2026-06-02', JUNE, 'en')).toEqual({
      what: 'Finish the assessment',
      day: 'Friday 12 June 2026',
      due: { text: 'In 8 working days', tag: null, by: 'by Friday 12 June 2026' },
    });
    expect(deadlineView({ name: 'somethingNew', dueOn: '2026-06-02' }, '2026-06-04', JUNE, 'en')).toMatchObject({ what: 'Deadline of this step', due: { text: 'Overdue by 2 working days' } });
  });

  it('names who did what, to whom, on which local day', () => {
    const consent = entry('RECORD_CONSENT', 'request.awaitingConsent', 'request.awaitingConsent', { data: { givenBy: { name: 'Siobhán Murphy' } } });
    expect(timelineItem(consent, NAMES, 'Europe/Dublin', 'en')).toEqual({ text: 'Aoife Byrne recorded consent from Siobhán Murphy', day: '2 March 2026', withheld: false });
    expect(timelineItem({ ...consent, data: {} }, NAMES, 'Europe/Dublin', 'en').text).toBe('Aoife Byrne recorded consent');
    expect(timelineItem(consent, NAMES, 'Europe/Dublin', 'ga').text).toBe('Thaifead Aoife Byrne toiliú ó Siobhán Murphy');
    // The day is Dublin's: 23:30 UTC on 30 June is 00:30 on 1 July there (summer time).
    expect(timelineItem({ ...consent, at: '2026-06-30T23:30:00.000Z' }, NAMES, 'Europe/Dublin', 'en').day).toBe('1 July 2026');
    // Someone whose name is not known is told by their role; an event without wording by the stage it led to.
    expect(timelineItem(entry('OPEN_CASE', null, 'request.draft', { actor: { id: 'u-x', role: 'coordinator' } }), NAMES, 'Europe/Dublin', 'en').text).toBe('A coordinator opened the case');
    expect(timelineItem(entry('SOMETHING_NEW', 'review.held', 'review.recorded'), NAMES, 'Europe/Dublin', 'en').text).toBe('Aoife Byrne moved the case on to “Review”');
    expect(timelineItem(entry('xstate.after.assessmentCompletion', 'assessment.inProgress', 'assessment.inProgress', { actor: { id: 'system', role: 'system' } }), NAMES, 'Europe/Dublin', 'en').text).toBe(
      'The deadline of the step “Strengths and needs assessment” passed',
    );
  });

  it('an entry withheld from the reader says only that something was recorded', () => {
    const withheld = entry('RAISE_CONCERN', 'assessment.inProgress', 'escalation.raised', { withheld: true, data: { observed: 'secret' } });
    const item = timelineItem(withheld, NAMES, 'Europe/Dublin', 'en');
    expect(item).toEqual({ text: 'Something was recorded that is not yours to read', day: '2 March 2026', withheld: true });
    expect(JSON.stringify(item)).not.toMatch(/Aoife|concern|secret/);
  });

  it('writes a date without its weekday in either language', () => {
    expect(dateInWords('2026-03-02', 'en')).toBe('2 March 2026');
    expect(dateInWords('2026-03-02', 'ga')).toBe('2 Márta 2026');
  });
});
