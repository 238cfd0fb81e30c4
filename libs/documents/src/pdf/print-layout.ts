/**
 * How a stage document is laid out on paper: A4, the margins, and the header and footer that
 * Chromium prints on every page (case reference, optional title, "Page X of Y"). Pure: builds
 * the options for Playwright's `page.pdf`.
 */
import type { Page } from 'playwright-core';

/** Languages the page furniture (header and footer words) is written in. */
export type PrintLocale = 'en' | 'ga';

/** What goes around the document on every page. */
export interface PageFurniture {
  /** The case's reference, printed on every page (plain text; escaped here). */
  caseReference: string;
  /** The document's title, printed on every page beside the reference (plain text). */
  title?: string;
  /**
   * The document's issue: 1 for the first document of its kind on the case, 2 for the next
   * (the stored version), printed after the title as "issue 2" / "eisiúint 2". Never "version":
   * a plan document's body names the plan's own version, another number.
   */
  issue?: number;
  /** Language of "Case" and "Page X of Y" (default `en`). */
  locale?: PrintLocale;
}

/** Options of `page.pdf`, as Playwright 1.65 takes them. */
export type PdfOptions = NonNullable<Parameters<Page['pdf']>[0]>;

/**
 * Installed fonts that carry the Irish fadas (á é í ó ú Á É Í Ó Ú): Liberation (fonts-liberation,
 * metric-compatible with Arial, Times and Courier) first, DejaVu (Chromium's fallback on Debian)
 * next. Both embed with a Unicode map, so the PDF's text can be searched and copied.
 */
export const FONT_FAMILIES = {
  standard: 'Liberation Serif',
  serif: 'Liberation Serif',
  sansSerif: 'Liberation Sans',
  fixed: 'Liberation Mono',
} as const;

const FURNITURE_FONT = `'Liberation Sans', 'DejaVu Sans', sans-serif`;

/** Page margins: the header and footer are printed inside the top and bottom ones. */
export const MARGINS = { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' } as const;

const LABELS: Record<PrintLocale, { case: string; page: string; of: string; issue: string }> = {
  en: { case: 'Case', page: 'Page', of: 'of', issue: 'issue' },
  ga: { case: 'Cás', page: 'Leathanach', of: 'de', issue: 'eisiúint' },
};

/** Text made safe to place inside HTML (element content or a quoted attribute). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Chromium prints these templates in their own tiny page: every style must be inline, the
// font size explicit (the default is too small to read), and the side padding matches MARGINS.
function furnitureStyle(align: 'space-between' | 'center'): string {
  return [
    `font-family: ${FURNITURE_FONT}`,
    'font-size: 8.5pt',
    'color: #333',
    'width: 100%',
    'box-sizing: border-box',
    `padding: 0 ${MARGINS.right} 0 ${MARGINS.left}`,
    'display: flex',
    `justify-content: ${align}`,
    'gap: 6mm',
  ].join('; ');
}

/** The header: title and issue (if any) on the left ("Action plan, issue 2"), "Case <reference>" on the right. */
export function headerTemplate({ caseReference, title, issue, locale = 'en' }: PageFurniture): string {
  const label = LABELS[locale];
  const issued = issue === undefined ? null : `${label.issue} ${issue}`;
  const heading = [title, issued].filter((part): part is string => typeof part === 'string' && part !== '').join(', ');
  const left = `<span>${escapeHtml(heading)}</span>`;
  const right = `<span>${label.case} ${escapeHtml(caseReference)}</span>`;
  return `<div style="${furnitureStyle('space-between')}">${left}${right}</div>`;
}

/** The footer: "Page X of Y" (or "Leathanach X de Y"), centred. */
export function footerTemplate({ locale = 'en' }: PageFurniture): string {
  const label = LABELS[locale];
  return (
    `<div style="${furnitureStyle('center')}">` +
    `<span>${label.page} <span class="pageNumber"></span> ${label.of} <span class="totalPages"></span></span></div>`
  );
}

/**
 * The `page.pdf` options for one document: A4 whatever the document's CSS says, backgrounds
 * printed, tagged (accessible: headings, lists and tables reach screen readers) with an outline
 * from the headings; a tagged PDF cost about 5 ms more per document here.
 */
export function pdfOptions(furniture: PageFurniture): PdfOptions {
  return {
    format: 'A4',
    preferCSSPageSize: false,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(furniture),
    footerTemplate: footerTemplate(furniture),
    margin: { ...MARGINS },
    tagged: true,
    outline: true,
  };
}
