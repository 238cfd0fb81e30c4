import { closingMeetingMinutes } from './closure.rules';

describe('closingMeetingMinutes: the closing meeting’s minutes come with the feedback when, and only when, it was held', () => {
  it('a closing meeting held: its minutes are recorded with the feedback', () => {
    expect(closingMeetingMinutes('2026-03-19', 'Agreed the Meitheal has done its work.')).toEqual({ ok: true });
  });

  it('a closing meeting held and no minutes (or blank ones): refused, naming the day it was held', () => {
    const refused = {
      ok: false,
      reason: 'The closing meeting was held on 2026-03-19: record its minutes with the feedback (minutes), in plain language the family can read.',
    };
    expect(closingMeetingMinutes('2026-03-19', undefined)).toEqual(refused);
    expect(closingMeetingMinutes('2026-03-19', '   ')).toEqual(refused);
  });

  it('no closing meeting: the feedback is recorded without minutes', () => {
    expect(closingMeetingMinutes(null, undefined)).toEqual({ ok: true });
  });

  it('no closing meeting and minutes given: refused, saying to record the meeting first or leave them out', () => {
    expect(closingMeetingMinutes(null, 'Minutes of a meeting nobody recorded.')).toEqual({
      ok: false,
      reason: 'No closing meeting is recorded: record it first (HOLD_CLOSING_MEETING), or leave out minutes when the case closes without one.',
    });
    // Even empty minutes name a meeting that was not recorded.
    expect(closingMeetingMinutes(null, '').ok).toBe(false);
  });
});
