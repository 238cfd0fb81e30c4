/**
 * What the e2e tests and the benchmark use of the API app (as `@tacu/api`): the same assembly
 * as main.ts, the configuration, the demo people and journeys, the samples of every event.
 * Nothing in libs imports this.
 */
export { createAdapter, configureApp, createApp } from './configure-app';
export { AppModule } from './app/app.module';
export type { AppOptions } from './app/core/core.module';
export { CLOCK, DATA_SOURCE, ENGINE } from './app/core/tokens';
export { routeTable, routesOf, type RouteEntry } from './app/core/route-table';
export { UserAccounts } from './app/auth/user-accounts';
export { ConfigError, DEV_TOKEN_SECRET, loadConfig, parseDeadlinePolicyOverrides, type AppConfig } from './app/config/app-config';
export { toProblem, domainErrorStatus } from './app/errors/problem.filter';
export { CASE_EVENT_SAMPLES, SAMPLE_DAY, sampleChecklist, sampleChildDetails, sampleEvent, sampleOpenCase } from './app/cases/events/samples';
export { UPDATE_CHILD_DETAILS, UPDATE_FAMILY_MEMBER_DETAILS } from './app/cases/family-details.service';
export { LIMITS } from './app/cases/events/validation';
export { INPUT_LIMITS } from './app/input/input-limits';
export { OWASP_EXCEPTIONS, type OwaspException } from './app/openapi/owasp-exceptions';
export { buildOpenApiDocument } from './app/openapi/openapi-document';
export type { OpenCaseInput } from './app/cases/open-case.dto';
export { DEMO_AREA, DEMO_USERS, demoActor, type DemoUser } from './seed/demo-people';
export { seedDemo, seedDemoPeople } from './seed/demo-seed';
export { fullJourney, journeyTo, INVITED_AGENCY_USER, type JourneyStep } from './seed/journey';
export { demoTokens } from './demo-tokens';
export { caseReferenceOf } from './app/documents/case-document-source';
export { dayInWords } from './app/pages/locale';
