export * from './clock';
export * from './database';
export * from './actors';
export * from './fixture-workflow';
export * from './cases-at-scale';
