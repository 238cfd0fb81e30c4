/**
 * A template (or partial, or locale file) that cannot be used: it does not parse, names a partial
 * or wording that does not exist, or fails to render its fixture. The message names the file
 * (relative to the templates folder, or the override folder it came from) and, where known, the
 * line and column.
 */
export class DocumentTemplateError extends Error {
  constructor(
    message: string,
    /** The file, e.g. `templates/actionPlan/family.en.hbs`. */
    readonly file: string | null = null,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(`${file ?? 'templates'}${line !== null ? `:${line}${column !== null ? `:${column}` : ''}` : ''}: ${message}`);
    this.name = 'DocumentTemplateError';
  }
}

/** An error thrown inside a template (by Handlebars or a helper), with where in its source it happened. */
export interface LocatedError {
  message: string;
  lineNumber?: number;
  column?: number;
}
