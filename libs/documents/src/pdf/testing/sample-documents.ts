/**
 * Stage documents for the PDF specs and bench, until the real templates land: an action plan
 * written in Irish and English, with headings, a table and shaded boxes like a template's.
 */

/** Irish words of the sample documents that carry, among them, every fada small and capital. */
export const IRISH_WORDS = ['Áine', 'Éire', 'Íde', 'Ó Súilleabháin', 'Úna', 'Fáilte', 'cáipéis', 'gníomhaíochta', 'ról', 'tús', 'páistí', 'Éirinn'];

/** The ten letters with a fada. */
export const FADAS = ['á', 'é', 'í', 'ó', 'ú', 'Á', 'É', 'Í', 'Ó', 'Ú'];

const STYLE = `
  body { font-family: 'Liberation Sans', sans-serif; font-size: 11pt; line-height: 1.4; color: #111; }
  h1 { font-size: 18pt; margin: 0 0 4mm; }
  h2 { font-size: 13pt; margin: 6mm 0 2mm; }
  .box { background: #eef3f7; border: 1px solid #9ab; padding: 3mm; margin: 3mm 0; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #999; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
  .page { break-after: page; }
  .page:last-child { break-after: auto; }
`;

function actionRows(count: number): string {
  const rows: string[] = [];
  for (let i = 1; i <= count; i++) {
    rows.push(
      `<tr><td>${i}</td><td>Tacaíocht don teaghlach ar scoil: cruinniú le Úna Ó Súilleabháin, múinteoir Áine.</td>` +
        `<td>Íde (Tusla)</td><td>${String(i).padStart(2, '0')}/03/2027</td></tr>`,
    );
  }
  return rows.join('');
}

function section(n: number, actions: number): string {
  return `<section class="page">
    <h2>Cuid ${n}: Plean gníomhaíochta / Action plan</h2>
    <div class="box"><p>Fáilte. Seo í cáipéis an teaghlaigh. Tá ról ag gach duine: Áine, Éire, Íde, Úna.
    Cuireadh tús leis an bplean in Éirinn; is é an sprioc go mbeidh na páistí sona slán.</p></div>
    <table><thead><tr><th>#</th><th>Gníomh / Action</th><th>Duine / Who</th><th>Faoi / By</th></tr></thead>
    <tbody>${actionRows(actions)}</tbody></table>
  </section>`;
}

function documentHtml(body: string): string {
  return `<!DOCTYPE html><html lang="ga"><head><meta charset="utf-8"><title>Plean gníomhaíochta</title>
<style>${STYLE}</style></head><body><h1>Plean gníomhaíochta an teaghlaigh</h1>${body}</body></html>`;
}

/** A document of exactly `pages` A4 pages: one short section per page, each ending in a page break. */
export function pagedDocument(pages: number): string {
  return documentHtml(Array.from({ length: pages }, (_, i) => section(i + 1, 6)).join(''));
}

/** A document whose one long table flows over as many pages as it needs (`actions` rows). */
export function flowingDocument(actions: number): string {
  return documentHtml(`<section>${section(1, actions).replace('class="page"', '')}</section>`);
}
