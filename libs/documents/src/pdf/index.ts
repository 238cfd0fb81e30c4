/** PDF from stored stage-document HTML through a warm headless Chromium (see libs/documents/README.md, "PDF"). */
export { createPdfRenderer, type PdfRenderer, type PdfRendererOptions, type PdfRenderRequest } from './pdf-renderer';
export { INSTALL_HINT, PdfBusyError, PdfError, PdfRenderError, PdfUnavailableError, type PdfUnavailableReason } from './errors';
export { DEFAULT_CHROMIUM_PATH } from './chromium';
export type { PrintLocale } from './print-layout';
