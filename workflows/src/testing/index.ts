export * from './sample-events';
export * from './harness';
export * from './sample-calendar';
