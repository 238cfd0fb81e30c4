export * from './sample-events';
export * from './harness';
