/**
 * The stage documents: Handlebars rendering of `templates/` (pure: view model + locale → HTML)
 * and PDF from stored HTML through a warm Chromium.
 */
export * from './pdf';
