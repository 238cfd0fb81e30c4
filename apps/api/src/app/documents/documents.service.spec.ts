import { titleOf } from './documents.service';

describe('the PDF header names the document by its own title, in its own language', () => {
  it('reads the title the template wrote, unescaped once (the PDF layout escapes it again)', () => {
    expect(titleOf({ kind: 'actionPlan', html: '<html lang="en"><head><title>Your family&#x27;s plan: Seán Murphy (C-1A2B3C4D)</title></head></html>' })).toBe("Your family's plan: Seán Murphy (C-1A2B3C4D)");
    expect(titleOf({ kind: 'actionPlan', html: '<title>Plean gníomhaíochta &amp; síniú</title>' })).toBe('Plean gníomhaíochta & síniú');
  });

  it('a document without a title is named by its kind', () => {
    expect(titleOf({ kind: 'reviewRecord', html: '<p>No head</p>' })).toBe('reviewRecord');
  });
});
