export * from './people.types';
export * from './people.store';
