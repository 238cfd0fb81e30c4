export * from './claims';
export * from './tokens';
export * from './policy';
export * from './naming';
export * from './redaction';
