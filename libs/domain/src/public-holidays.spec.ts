import { publicHolidayClosures, SUBSTITUTE_DAY_RULES, type HolidayEntry } from './public-holidays';

const pub = (date: string, name: string): HolidayEntry => ({ date, name, type: 'public' });
const sub = (date: string, name: string, type = 'bank'): HolidayEntry => ({ date, name, type, substitute: true });
const days = (entries: HolidayEntry[], rule?: 'nextWeekday' | 'library') => publicHolidayClosures(entries, rule).map((d) => [d.date, d.kind, d.name]);

describe('which days of the holiday library close an organisation', () => {
  it('public holidays close; Good Friday (a bank holiday in Ireland, not a public one), observances and school days do not', () => {
    const entries: HolidayEntry[] = [
      { date: '2026-04-03', name: 'Good Friday', type: 'bank' },
      { date: '2026-04-05', name: 'Easter Sunday', type: 'observance' },
      pub('2026-04-06', 'Easter Monday'),
      { date: '2026-04-07', name: 'School holiday', type: 'school' },
      { date: '2026-04-08', name: 'Optional day', type: 'optional' },
    ];
    expect(days(entries)).toEqual([['2026-04-06', 'publicHoliday', 'Easter Monday']]);
    expect(days(entries, 'library')).toEqual([['2026-04-06', 'publicHoliday', 'Easter Monday']]);
  });

  it('the result is in date order whatever the order of the entries', () => {
    expect(days([pub('2026-12-25', 'Christmas Day'), pub('2026-01-01', "New Year's Day"), pub('2026-03-17', "St Patrick's Day")]).map(([d]) => d)).toEqual([
      '2026-01-01',
      '2026-03-17',
      '2026-12-25',
    ]);
  });

  it('the entries may come in any order: the same days, and each substitute named after its own holiday', () => {
    const christmas2027 = [pub('2027-12-25', 'Christmas Day'), pub('2027-12-26', "St Stephen's Day"), sub('2027-12-27', 'Library substitute A'), sub('2027-12-28', 'Library substitute B')];
    const expected = [
      ['2027-12-25', 'publicHoliday', 'Christmas Day'],
      ['2027-12-26', 'publicHoliday', "St Stephen's Day"],
      ['2027-12-27', 'substituteDay', 'Christmas Day (substitute day)'],
      ['2027-12-28', 'substituteDay', "St Stephen's Day (substitute day)"],
    ];
    expect(days(christmas2027)).toEqual(expected);
    expect(days([...christmas2027].reverse())).toEqual(expected);
    expect(days([christmas2027[1], christmas2027[0], christmas2027[3], christmas2027[2]])).toEqual(expected);
  });

  it('the rules are nextWeekday (the default) and library', () => {
    expect(SUBSTITUTE_DAY_RULES).toEqual(['nextWeekday', 'library']);
    expect(publicHolidayClosures([pub('2028-01-01', "New Year's Day")])).toEqual(publicHolidayClosures([pub('2028-01-01', "New Year's Day")], 'nextWeekday'));
  });
});

describe('a public holiday on a weekend gets a substitute day (nextWeekday)', () => {
  it("New Year's Day 2028 on a Saturday: Monday 3 January, which the library does not give", () => {
    expect(days([pub('2028-01-01', "New Year's Day")])).toEqual([
      ['2028-01-01', 'publicHoliday', "New Year's Day"],
      ['2028-01-03', 'substituteDay', "New Year's Day (substitute day)"],
    ]);
  });

  it('a holiday on a Sunday: the Monday after', () => {
    expect(days([pub('2027-12-26', "St Stephen's Day")]).map(([d]) => d)).toEqual(['2027-12-26', '2027-12-27']);
  });

  it("St Stephen's Day 2026 on a Saturday takes the library's substitute, Monday 28 December, and no second one", () => {
    expect(days([pub('2026-12-25', 'Christmas Day'), pub('2026-12-26', "St Stephen's Day"), sub('2026-12-28', "St Stephen's Day (substitute day)")])).toEqual([
      ['2026-12-25', 'publicHoliday', 'Christmas Day'],
      ['2026-12-26', 'publicHoliday', "St Stephen's Day"],
      ['2026-12-28', 'substituteDay', "St Stephen's Day (substitute day)"],
    ]);
  });

  it('Christmas Day 2027 on a Saturday and St Stephen\'s Day on the Sunday: Monday 27 (the library\'s) and Tuesday 28 December', () => {
    expect(days([pub('2027-12-25', 'Christmas Day'), pub('2027-12-26', "St Stephen's Day"), sub('2027-12-27', "St Stephen's Day (substitute day)")])).toEqual([
      ['2027-12-25', 'publicHoliday', 'Christmas Day'],
      ['2027-12-26', 'publicHoliday', "St Stephen's Day"],
      ['2027-12-27', 'substituteDay', 'Christmas Day (substitute day)'],
      ['2027-12-28', 'substituteDay', "St Stephen's Day (substitute day)"],
    ]);
  });

  it('without the library\'s help two weekend holidays get two weekdays, never a public holiday', () => {
    expect(days([pub('2022-12-25', 'Christmas Day'), pub('2022-12-26', "St Stephen's Day")]).map(([d]) => d)).toEqual(['2022-12-25', '2022-12-26', '2022-12-27']);
    expect(days([pub('2021-12-25', 'Christmas Day'), pub('2021-12-26', "St Stephen's Day")]).map(([d]) => d)).toEqual(['2021-12-25', '2021-12-26', '2021-12-27', '2021-12-28']);
  });

  it("a library substitute up to a week after the holiday is its substitute; one further away is a day of its own", () => {
    expect(days([pub('2028-01-01', "New Year's Day"), sub('2028-01-08', 'Substitute (a week on)')]).map(([d]) => d)).toEqual(['2028-01-01', '2028-01-08']);
    expect(days([pub('2028-01-01', "New Year's Day"), sub('2028-01-09', 'Substitute (eight days on)')])).toEqual([
      ['2028-01-01', 'publicHoliday', "New Year's Day"],
      ['2028-01-03', 'substituteDay', "New Year's Day (substitute day)"],
      ['2028-01-09', 'substituteDay', 'Substitute (eight days on)'],
    ]);
    // A substitute before the holiday is not its substitute.
    expect(days([pub('2028-01-01', "New Year's Day"), sub('2027-12-31', 'Earlier')]).map(([d]) => d)).toEqual(['2027-12-31', '2028-01-01', '2028-01-03']);
  });

  it('substitute entries count whether the library types them public or bank, never as observances; a weekday holiday needs none', () => {
    expect(days([pub('2027-12-26', 'A'), sub('2027-12-27', 'A (substitute)', 'public')]).map(([d, k]) => `${d} ${k}`)).toEqual(['2027-12-26 publicHoliday', '2027-12-27 substituteDay']);
    expect(days([pub('2027-12-26', 'A'), sub('2027-12-29', 'Observed', 'observance')]).map(([d]) => d)).toEqual(['2027-12-26', '2027-12-27']);
    expect(days([pub('2026-03-17', "St Patrick's Day"), sub('2026-03-18', 'Stray substitute', 'observance')]).map(([d]) => d)).toEqual(['2026-03-17']);
    expect(days([pub('2026-03-17', "St Patrick's Day")]).map(([d]) => d)).toEqual(['2026-03-17']);
  });

  it('a substitute the library puts on a public holiday adds nothing, and is not the substitute of a weekend holiday on that day', () => {
    expect(days([pub('2026-03-17', "St Patrick's Day"), sub('2026-03-17', 'Odd substitute')])).toEqual([['2026-03-17', 'publicHoliday', "St Patrick's Day"]]);
    expect(days([pub('2028-01-01', "New Year's Day"), sub('2028-01-01', 'Odd substitute')])).toEqual([
      ['2028-01-01', 'publicHoliday', "New Year's Day"],
      ['2028-01-03', 'substituteDay', "New Year's Day (substitute day)"],
    ]);
  });
});

describe('library: the library\'s substitute days only', () => {
  it("Christmas Day 2027 gets none; St Stephen's Day gets the library's Monday 27 December", () => {
    expect(days([pub('2027-12-25', 'Christmas Day'), pub('2027-12-26', "St Stephen's Day"), sub('2027-12-27', "St Stephen's Day (substitute day)")], 'library')).toEqual([
      ['2027-12-25', 'publicHoliday', 'Christmas Day'],
      ['2027-12-26', 'publicHoliday', "St Stephen's Day"],
      ['2027-12-27', 'substituteDay', "St Stephen's Day (substitute day)"],
    ]);
    expect(days([pub('2028-01-01', "New Year's Day")], 'library').map(([d]) => d)).toEqual(['2028-01-01']);
  });

  it('a substitute the library types public is still a substitute day, not a holiday of its own (as in its data for Northern Ireland)', () => {
    expect(days([pub('2027-12-26', 'Boxing Day'), sub('2027-12-28', 'Boxing Day (substitute day)', 'public')], 'library')).toEqual([
      ['2027-12-26', 'publicHoliday', 'Boxing Day'],
      ['2027-12-28', 'substituteDay', 'Boxing Day (substitute day)'],
    ]);
  });
});
