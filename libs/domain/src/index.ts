export * from './roles';
export * from './vocabulary';
export * from './events';
export * from './deadline-policy';
export * from './local-day';
export * from './errors';
export * from './rules';
export * from './named-people';
