/**
 * The template helpers: dates shown on the organisation's local calendar (Europe/Dublin across
 * the clock changes), lists as a sentence lists them, wording with its placeholders escaped.
 */
import Handlebars from 'handlebars';
import { KNOWN_HELPERS, registerHelpers } from './helpers';
import type { Locale } from './kinds';
import { WordingTable } from './wording';

const wording = new WordingTable(
  new Map<Locale, Map<string, string>>([
    ['en', new Map([['common.none', 'None'], ['greeting', 'Hello {name}, see you on {date}.'], ['common.yes', 'Yes'], ['common.no', 'No'], ['status.done', 'Done']])],
    ['ga', new Map([['common.none', 'Níl aon cheann'], ['status.done', 'Déanta']])],
  ]),
);

function render(source: string, context: Record<string, unknown>, locale: Locale = 'en', timeZone = 'Europe/Dublin'): string {
  const env = Handlebars.create();
  registerHelpers(env);
  return env.compile(source, { strict: true })({ document: { timeZone }, ...context }, { data: { locale, wording } });
}

describe('day and dateTime: shown in the organisation’s time zone', () => {
  it.each([
    // Summer (Irish Standard Time, UTC+1): 23:30 UTC is already the next local day.
    ['2026-07-02T23:30:00Z', 'Friday 3 July 2026', 'Friday 3 July 2026, 00:30'],
    // Winter (UTC+0): the same UTC time stays on its day.
    ['2026-12-31T23:30:00Z', 'Thursday 31 December 2026', 'Thursday 31 December 2026, 23:30'],
    // An instant written with its own offset.
    ['2026-04-15T10:00:00+01:00', 'Wednesday 15 April 2026', 'Wednesday 15 April 2026, 10:00'],
    // The night the clocks go forward (29 March 2026, 01:00 UTC).
    ['2026-03-29T00:30:00Z', 'Sunday 29 March 2026', 'Sunday 29 March 2026, 00:30'],
    ['2026-03-29T01:30:00Z', 'Sunday 29 March 2026', 'Sunday 29 March 2026, 02:30'],
  ])('the instant %s is %s', (instant, day, dateTime) => {
    expect(render('{{day at}}|{{dateTime at}}', { at: instant })).toBe(`${day}|${dateTime}`);
  });

  it('a local day (YYYY-MM-DD) is that day in any time zone, never moved by an offset', () => {
    expect(render('{{day d}}', { d: '2026-03-29' }, 'en', 'Pacific/Auckland')).toBe('Sunday 29 March 2026');
    expect(render('{{day d}}', { d: '2026-03-29' }, 'en', 'America/Los_Angeles')).toBe('Sunday 29 March 2026');
    expect(render('{{dateTime d}}', { d: '2026-10-25' })).toBe('Sunday 25 October 2026');
  });

  it('in Irish, with Irish day and month names', () => {
    expect(render('{{day d}}', { d: '2026-04-24' }, 'ga')).toBe('Dé hAoine 24 Aibreán 2026');
  });

  it('text that is no date is shown as typed, escaped', () => {
    expect(render('{{day d}}', { d: 'next <b>Tuesday</b>' })).toBe('next &lt;b&gt;Tuesday&lt;/b&gt;');
  });
});

describe('list', () => {
  it('joins names as a sentence does, in the document’s language', () => {
    const people = [{ name: 'Siobhán' }, { name: 'Niamh' }, { name: 'Orla & co' }];
    expect(render('{{list p}}', { p: people })).toBe('Siobhán, Niamh and Orla &amp; co');
    expect(render('{{list p}}', { p: people }, 'ga')).toBe('Siobhán, Niamh agus Orla &amp; co');
    expect(render('{{list p}}', { p: ['one'] })).toBe('one');
  });

  it('says "None" for an empty list', () => {
    expect(render('{{list p}}', { p: [] })).toBe('None');
    expect(render('{{list p}}', { p: [] }, 'ga')).toBe('Níl aon cheann');
  });
});

describe('t and word', () => {
  it('fills placeholders with escaped values, and other helpers’ output as it is', () => {
    expect(render('{{t "greeting" name=n date=(day d)}}', { n: '<Seán>', d: '2026-05-04' })).toBe('Hello &lt;Seán&gt;, see you on Monday 4 May 2026.');
  });

  it('marks wording that fell back to English in an Irish document', () => {
    expect(render('{{t "common.yes"}}', {}, 'ga')).toBe('<span lang="en">Yes</span>');
    expect(render('{{tPlain "common.yes"}}', {}, 'ga')).toBe('Yes');
  });

  it('a placeholder left without a value is an error located in the template', () => {
    expect(() => render('\n  {{t "greeting" name="x"}}', {})).toThrow('the wording "greeting" needs a value for {date}: give it as date=... - 2:2');
  });

  it('a code is shown in words, and a code without words as typed (escaped)', () => {
    expect(render('{{word "status" s}}', { s: 'done' }, 'ga')).toBe('Déanta');
    expect(render('{{word "status" s}}', { s: '<i>odd</i>' })).toBe('&lt;i&gt;odd&lt;/i&gt;');
  });
});

describe('the helpers the compiler is told of', () => {
  it('are exactly the helpers registered (a helper left out would be looked up by name, one not registered would fail every render)', () => {
    const env = Handlebars.create();
    const builtIn = new Set(Object.keys(env.helpers));
    registerHelpers(env);
    const ours = Object.keys(env.helpers).filter((name) => !builtIn.has(name));
    expect(ours.sort()).toEqual(Object.keys(KNOWN_HELPERS).sort());
  });
});
