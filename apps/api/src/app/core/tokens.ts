/** Injection tokens of the infrastructure the features share. */
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const ENGINE = Symbol('ENGINE');
export const CLOCK = Symbol('CLOCK');
export const WORKFLOW_DEFINITIONS = Symbol('WORKFLOW_DEFINITIONS');
/** The stage documents' renderer (libs/documents), compiled and checked once at start-up. */
export const DOCUMENT_RENDERER = Symbol('DOCUMENT_RENDERER');
/** PDF printing through one warm Chromium (libs/documents `createPdfRenderer`). */
export const PDF_RENDERER = Symbol('PDF_RENDERER');
