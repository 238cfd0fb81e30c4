export * from './pre-request-checklist.store';
