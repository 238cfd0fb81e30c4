/**
 * The page furniture in words: the header names the document's issue ("issue 2", "eisiúint 2"),
 * never "version", which a plan document's body uses for the plan's own version.
 */
import { headerTemplate } from './print-layout';

describe('headerTemplate', () => {
  it('names the issue after the title, in the document language', () => {
    expect(headerTemplate({ caseReference: 'C-1', title: 'Action Plan: Seán Murphy (C-1)', issue: 2 })).toContain('<span>Action Plan: Seán Murphy (C-1), issue 2</span>');
    const ga = headerTemplate({ caseReference: 'C-1', title: 'Plean do theaghlaigh', issue: 2, locale: 'ga' });
    expect(ga).toContain('<span>Plean do theaghlaigh, eisiúint 2</span>');
    expect(ga).toContain('Cás C-1');
    expect(ga).not.toMatch(/version|leagan/i);
  });

  it('prints the title alone, or nothing, when no issue is given', () => {
    expect(headerTemplate({ caseReference: 'C-1', title: 'A & B' })).toContain('<span>A &#38; B</span>');
    expect(headerTemplate({ caseReference: 'C-1' })).toContain('<span></span>');
  });
});
