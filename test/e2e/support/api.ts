/**
 * The one door from the e2e tests into the API app. The boundary rule forbids importing an app
 * from a library; end-to-end tests are the exception by definition: they assemble the app.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries
export * from '@tacu/api';
