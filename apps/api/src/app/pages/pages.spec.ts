/**
 * The pages' pure parts: wording in both languages, how a due day is told in working days, the
 * filters of "my cases", the language of a request, where the language switch may send a browser,
 * the design system's stylesheet without GOV.UK's typeface, and the OIDC claims.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkingCalendar } from '@tacu/domain';
import { ValidationFailed } from '../errors/validation-failed';
import { buildPageAssets, SYSTEM_FONT_STACK, withoutGovukTypeface } from './assets';
import { dayInWords, loadWording, localeOf, wordingHtml } from './locale';
import { caseCard, casesHref, dueInWords, nextStepOf, parseFilters } from './my-cases.view';
import { actorFromClaims, OidcSignInError, roleFromClaim } from './oidc-sign-in';
import { backPathOf } from './back-path';
import { PAGE_PARTIALS } from './pages-setup';

/** June 2026 in Dublin: the June bank holiday (Monday 1 June) closed. */
const JUNE: WorkingCalendar = { timeZone: 'Europe/Dublin', closedDays: ['2026-06-01'], from: '2026-01-01', to: '2026-12-31' };

describe('wording of the pages', () => {
  it('Irish has every key English has, and no other', () => {
    const { en, ga } = loadWording();
    expect([...ga.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('placeholders are filled and escaped: a name with markup is shown, never run', () => {
    expect(wordingHtml('en', 'nav.signedInAs', { name: '<script>x</script>' })).toBe('Signed in as &lt;script&gt;x&lt;/script&gt;');
  });

  it('a key English lacks, or a missing value, is an error, not a key shown to a person', () => {
    expect(() => wordingHtml('en', 'nav.nothing')).toThrow('There is no wording "nav.nothing"');
    expect(() => wordingHtml('ga', 'nav.signedInAs')).toThrow('needs a value for {name}');
  });

  it('every view names only wording that exists', () => {
    const { en } = loadWording();
    const views = ['layout.hbs', 'sign-in.hbs', 'cases.hbs', 'case.hbs', 'message.hbs', 'next-step.hbs', ...PAGE_PARTIALS.map((name) => `partials/${name}.hbs`)];
    const keys = views.flatMap((v) => [...readFileSync(join(__dirname, 'views', v), 'utf8').matchAll(/\{\{t "([^"]+)"/g)].map((m) => m[1] as string));
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((key) => !en.has(key))).toEqual([]);
  });

  it('days are written in the language of the page', () => {
    expect(dayInWords('2026-06-22', 'en')).toBe('Monday 22 June 2026');
    expect(dayInWords('2026-06-22', 'ga')).toBe('Dé Luain 22 Meitheamh 2026');
  });
});

describe('the language of a request', () => {
  it('the choice remembered wins; else the first of Irish or English the browser asks for; else English', () => {
    expect(localeOf('ga', 'en-IE,en;q=0.9')).toBe('ga');
    expect(localeOf(undefined, 'ga-IE,ga;q=0.9,en;q=0.8')).toBe('ga');
    expect(localeOf(undefined, 'fr-FR,fr;q=0.9,ga;q=0.5,en;q=0.7')).toBe('en');
    expect(localeOf(undefined, 'de')).toBe('en');
    expect(localeOf('xx', undefined)).toBe('en');
  });
});

describe('how far a due day is, in working days', () => {
  it('ahead: "In n working days" by the day; a bank holiday is not counted', () => {
    // Friday 29 May to Wednesday 3 June: Monday 1 June is a bank holiday, so 2 working days.
    expect(dueInWords('2026-06-03', '2026-05-29', JUNE, 'en')).toEqual({ text: 'In 2 working days', tag: 'orange', by: 'by Wednesday 3 June 2026' });
    expect(dueInWords('2026-06-12', '2026-06-02', JUNE, 'en')).toEqual({ text: 'In 8 working days', tag: null, by: 'by Friday 12 June 2026' });
    expect(dueInWords('2026-06-03', '2026-06-02', JUNE, 'en').text).toBe('In 1 working day');
  });

  it('today: "Due today"', () => {
    expect(dueInWords('2026-06-02', '2026-06-02', JUNE, 'en')).toEqual({ text: 'Due today', tag: 'orange', by: null });
  });

  it('past: "Overdue by n working days", red', () => {
    expect(dueInWords('2026-05-29', '2026-06-03', JUNE, 'en')).toEqual({ text: 'Overdue by 2 working days', tag: 'red', by: 'by Friday 29 May 2026' });
    expect(dueInWords('2026-06-02', '2026-06-03', JUNE, 'en').text).toBe('Overdue by 1 working day');
  });

  it('past by closed days only, or ahead past closed days only: told by the day', () => {
    // Due Saturday 30 May, read on Monday 1 June (a bank holiday): no working day has passed.
    expect(dueInWords('2026-05-30', '2026-06-01', JUNE, 'en')).toEqual({ text: 'Overdue since Saturday 30 May 2026', tag: 'red', by: null });
    expect(dueInWords('2026-06-01', '2026-05-30', JUNE, 'en')).toEqual({ text: 'Due Monday 1 June 2026', tag: 'orange', by: null });
  });

  it('in Irish', () => {
    expect(dueInWords('2026-06-12', '2026-06-02', JUNE, 'ga')).toEqual({ text: 'I gceann 8 lá oibre', tag: null, by: 'faoi Dé hAoine 12 Meitheamh 2026' });
    expect(dueInWords('2026-05-29', '2026-06-03', JUNE, 'ga').text).toBe('Thar téarma le 2 lá oibre');
  });

  it('a day the calendar does not cover is told by its day, not guessed', () => {
    expect(dueInWords('2027-03-01', '2026-06-02', JUNE, 'en')).toEqual({ text: 'Due Monday 1 March 2027', tag: null, by: null });
  });
});

describe('a case as the list shows it', () => {
  const listed = { id: 'x', stage: 'assessment', state: 'assessment.inProgress', status: 'active', dueOn: '2026-06-12', childName: 'Seán Murphy', reference: 'C-3F2A9C1B' };

  it('the child, the stage and the next step in plain words', () => {
    expect(caseCard(listed, '2026-06-02', JUNE, 'en')).toEqual({
      childName: 'Seán Murphy',
      href: `/app/cases/${listed.id}`,
      reference: 'C-3F2A9C1B',
      stage: 'Strengths and needs assessment',
      nextStep: 'Finish the strengths and needs assessment',
      statusTag: null,
      due: { text: 'In 8 working days', tag: null, by: 'by Friday 12 June 2026' },
    });
  });

  it('a closed case has no deadline running; a case on hold says so', () => {
    expect(caseCard({ ...listed, status: 'closed', state: 'closed' }, '2026-06-02', JUNE, 'en')).toMatchObject({ statusTag: { text: 'Closed', colour: 'grey' }, due: { text: 'No deadline running' } });
    expect(caseCard({ ...listed, status: 'onHold', stage: 'escalation', state: 'escalation.raised' }, '2026-06-02', JUNE, 'en')).toMatchObject({ statusTag: { text: 'On hold' }, stage: 'Child protection concern' });
  });

  it('a state without its own wording is told by its stage', () => {
    expect(nextStepOf('review.somethingNew', 'review', 'en')).toBe('Review');
  });
});

describe('the filters of my cases', () => {
  it('reads stage, show and the next page from the query; open cases by default', () => {
    expect(parseFilters({})).toEqual({ stage: undefined, show: 'open', after: undefined });
    expect(parseFilters({ stage: 'review', show: 'overdue', after: 'abc', utm: 'x' })).toEqual({ stage: 'review', show: 'overdue', after: 'abc' });
  });

  it('refuses what the page never offers, naming the field', () => {
    const problems = (query: Record<string, unknown>) => {
      try {
        parseFilters(query);
      } catch (error) {
        if (error instanceof ValidationFailed) return error.errors.map((p) => p.field);
      }
      return [];
    };
    expect(problems({ stage: 'nonsense' })).toEqual(['stage']);
    expect(problems({ show: 'everything', stage: ['a', 'b'] })).toEqual(['stage', 'show']);
  });

  it('links to a page of the list carry the filters only', () => {
    expect(casesHref({ stage: undefined, show: 'open' })).toBe('/app/cases');
    expect(casesHref({ stage: 'review', show: 'soon' }, 'cur.sor')).toBe('/app/cases?stage=review&show=soon&after=cur.sor');
  });
});

describe('where the language switch sends a browser back', () => {
  it('a page of ours, as it was', () => {
    expect(backPathOf('/app/cases?stage=review&show=soon')).toBe('/app/cases?stage=review&show=soon');
    expect(backPathOf('/app/sign-in')).toBe('/app/sign-in');
  });

  it('never another site, another part of this one, or anything odd', () => {
    for (const bad of ['//evil.example/app', 'https://evil.example/app', '/app/../docs', '/docs', '/app\\\\evil', '/app/cases?x=<script>', 42, undefined]) {
      expect({ bad, back: backPathOf(bad) }).toEqual({ bad, back: '/app/cases' });
    }
  });
});

describe('the design system without GOV.UK\'s typeface, in the organisation\'s colour', () => {
  it('no GDS Transport and no font file; the system\'s fonts instead', () => {
    const css = withoutGovukTypeface('@font-face{font-family:GDS Transport;src:url(/assets/fonts/x.woff2)}.a{font-family:GDS Transport,arial,sans-serif}');
    expect(css).toBe(`.a{font-family:${SYSTEM_FONT_STACK}}`);
  });

  it('the stylesheet served has neither, and sets the colour; names carry the content\'s hash', () => {
    const assets = buildPageAssets('#123456');
    const css = assets.files.get(assets.urls.css.replace('/app/assets/', ''))?.body.toString('utf8') ?? '';
    expect(css.length).toBeGreaterThan(100_000);
    expect(css).not.toContain('GDS Transport');
    expect(css).not.toContain('@font-face');
    expect(css).not.toContain('/assets/fonts/');
    expect(css).toContain(':root{--govuk-brand-colour:#123456}');
    expect(assets.urls.css).not.toBe(buildPageAssets('#654321').urls.css);
    const js = assets.files.get(assets.urls.js.replace('/app/assets/', ''))?.body.toString('utf8') ?? '';
    const imported = /from '\.\/([^']+)'/.exec(js)?.[1] ?? '';
    expect(assets.files.has(imported)).toBe(true);
  });
});

describe('who the identity provider says the person is', () => {
  const names = { userId: 'sub', role: 'tacu_role', area: 'tacu_area', name: 'name' };

  it('the configured claims name the person, their role and area', () => {
    expect(actorFromClaims({ sub: 'u-lp-0001', tacu_role: 'leadPractitioner', tacu_area: 'dublin-south-central', name: 'Aoife Byrne' }, names)).toEqual({
      id: 'u-lp-0001',
      role: 'leadPractitioner',
      areaId: 'dublin-south-central',
      name: 'Aoife Byrne',
    });
  });

  it('a role in a list of groups is found; none, several or the system\'s is refused', () => {
    expect(roleFromClaim(['staff', 'coordinator'], 'groups')).toBe('coordinator');
    expect(() => roleFromClaim(['staff'], 'groups')).toThrow(OidcSignInError);
    expect(() => roleFromClaim(['coordinator', 'manager'], 'groups')).toThrow(OidcSignInError);
    expect(() => roleFromClaim('system', 'groups')).toThrow(OidcSignInError);
  });

  it('a missing claim is refused, naming it', () => {
    expect(() => actorFromClaims({ sub: 'u-lp-0001', tacu_role: 'leadPractitioner' }, names)).toThrow('did not give the claim "tacu_area"');
  });
});
