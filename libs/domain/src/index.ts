export * from './roles';
export * from './vocabulary';
export * from './events';
export * from './deadline-policy';
export * from './errors';
export * from './rules';
export * from './calendar';
export * from './public-holidays';
