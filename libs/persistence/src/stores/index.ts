export * from './case.store';
export * from './audit.store';
export * from './timer.store';
export * from './outbox.store';
export * from './idempotency.store';
export * from './case-read.store';
export * from './participant.store';
export * from './document.store';
