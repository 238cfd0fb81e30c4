export * from './engine.types';
export * from './engine';
export * from './machine-rules';
export * from './timer-worker';
export * from './calendar';
export * from './outcome-frameworks';
