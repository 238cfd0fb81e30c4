/**
 * The pages' own files (stylesheet, scripts, icon), built once at start-up and served from
 * memory under `/app/assets/` with names that carry a hash of their content, so browsers may keep
 * them for a year (they hold no case data).
 *
 * The stylesheet is govuk-frontend's compiled CSS (MIT) made ours: its `@font-face` rules for
 * GDS Transport (GOV.UK's own typeface, which only GOV.UK services may use) are taken out and its
 * font stack is replaced with the system's own fonts; the organisation's colour is set through
 * the design system's own custom property (`--govuk-brand-colour`, govuk-frontend 6); and a few
 * rules of ours follow (the header in the organisation's colour, buttons that look like links for
 * the forms of the header). Done on the compiled file rather than by compiling the Sass with
 * `$govuk-font-family`: no Sass compiler in the app, and a start-up of a few milliseconds.
 * `pages-assets.spec.ts` holds the result to it (no GDS Transport, no font file, the colour).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The system's own fonts, as GOV.UK's guidance suggests for services that may not use GDS Transport. */
export const SYSTEM_FONT_STACK = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif';

export interface PageAsset {
  contentType: string;
  body: Buffer;
  etag: string;
}

export interface PageAssets {
  /** The URL paths the layout links to. */
  urls: { css: string; js: string; icon: string };
  /** By file name (the last part of the URL). */
  files: Map<string, PageAsset>;
}

const OUR_RULES = `
.govuk-generic-header{background:var(--govuk-brand-colour)}
.tacu-inline-form{display:inline;margin:0}
.tacu-link-button{margin:0;padding:0;border:0;background:none;font:inherit;color:var(--govuk-link-colour);text-decoration:underline;text-underline-offset:.15em;cursor:pointer}
.tacu-link-button:hover{color:var(--govuk-link-hover-colour);text-decoration-thickness:max(3px,.1875rem,.12em)}
.tacu-link-button:focus{outline:3px solid transparent;color:var(--govuk-focus-text-colour);background-color:var(--govuk-focus-colour);box-shadow:0 -2px var(--govuk-focus-colour),0 4px var(--govuk-focus-text-colour);text-decoration:none}
.govuk-service-navigation__link.tacu-link-button{font-weight:inherit}
.tacu-toolbar{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:10px;padding-top:10px}
.tacu-toolbar__user{margin:0}
.tacu-toolbar__languages{margin-left:auto}
.tacu-case-list>li{margin-bottom:0}
.tacu-due-day{color:var(--govuk-secondary-text-colour)}
.tacu-steps{list-style:none;margin:0 0 30px;padding:0;display:flex;flex-wrap:wrap;gap:8px;counter-reset:step}
.tacu-steps>li{counter-increment:step;flex:1 1 100px;margin:0;padding:10px;border:2px solid var(--govuk-border-colour);border-top-width:6px}
.tacu-steps>li::before{content:counter(step) ". "}
.tacu-steps>.tacu-steps__step--done{border-top-color:#00703c}
.tacu-steps>.tacu-steps__step--notReached{border-style:dashed}
.tacu-steps>.tacu-steps__step--current{border-color:var(--govuk-brand-colour);font-weight:700}
.tacu-steps__state{display:block;font-weight:400;color:var(--govuk-secondary-text-colour)}
.tacu-timeline{padding-left:0;list-style:none}
.tacu-timeline>li{border-left:4px solid var(--govuk-border-colour);padding-left:15px;margin-bottom:15px}
.tacu-list__row{border-left:4px solid var(--govuk-border-colour);padding-left:15px;margin-bottom:30px}
.tacu-list__row .govuk-form-group:last-of-type{margin-bottom:0}
.tacu-next-steps>li{margin-bottom:15px}
.tacu-waiting{margin-top:5px;margin-bottom:0}
`;

function resolvePackageFile(path: string): string {
  return require.resolve(path);
}

/** govuk-frontend's CSS without its typeface: no @font-face, the system's font stack instead. */
export function withoutGovukTypeface(css: string): string {
  return css.replace(/@font-face\{[^}]*\}/g, '').replace(/font-family:\s*"?GDS Transport"?,\s*arial,\s*sans-serif/gi, `font-family:${SYSTEM_FONT_STACK}`);
}

function asset(contentType: string, body: string | Buffer): PageAsset {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { contentType, body: bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"` };
}

const hashOf = (body: Buffer): string => createHash('sha256').update(body).digest('hex').slice(0, 12);

/** Builds the assets for the organisation's colour (#rrggbb, checked by the configuration). */
export function buildPageAssets(brandColour: string): PageAssets {
  const govukCssPath = resolvePackageFile('govuk-frontend/dist/govuk/govuk-frontend.min.css');
  const govukJs = readFileSync(join(dirname(govukCssPath), 'govuk-frontend.min.js'));
  const css = `${withoutGovukTypeface(readFileSync(govukCssPath, 'utf8'))}\n:root{--govuk-brand-colour:${brandColour}}\n${OUR_RULES}`;
  const govukJsName = `govuk-frontend-${hashOf(govukJs)}.min.js`;
  // No inline script anywhere (the CSP allows only our own files): the design system's
  // "JavaScript is on" classes are set here, then its components start.
  const init = `import { initAll } from './${govukJsName}';\ndocument.body.classList.add('js-enabled', 'govuk-frontend-supported');\ninitAll();\n`;
  const icon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="${brandColour}"/><path d="M9 9h14v4h-5v12h-4V13H9z" fill="#fff"/></svg>`;
  const files = new Map<string, PageAsset>();
  const add = (stem: string, ext: string, contentType: string, body: string | Buffer): string => {
    const built = asset(contentType, body);
    const name = `${stem}-${hashOf(built.body)}.${ext}`;
    files.set(name, built);
    return `/app/assets/${name}`;
  };
  files.set(govukJsName, asset('text/javascript; charset=utf-8', govukJs));
  return {
    urls: {
      css: add('tacu', 'css', 'text/css; charset=utf-8', css),
      js: add('tacu', 'js', 'text/javascript; charset=utf-8', init),
      icon: add('icon', 'svg', 'image/svg+xml', icon),
    },
    files,
  };
}
