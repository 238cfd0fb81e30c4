/**
 * Test support: the repository's templates folder and one renderer over it, compiled once per
 * test file.
 */
import { join } from 'node:path';
import { createDocumentRenderer, type DocumentRenderer } from '../renderer';

/** The repository's `templates/`. */
export const TEMPLATES_DIR = join(__dirname, '..', '..', '..', '..', 'templates');

let shared: DocumentRenderer | undefined;

/** A renderer over the repository's templates (created on first use). */
export function sharedRenderer(): DocumentRenderer {
  shared ??= createDocumentRenderer({ templatesDir: TEMPLATES_DIR });
  return shared;
}

/** The text a reader sees: tags removed, entities decoded, white space collapsed. */
export function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
