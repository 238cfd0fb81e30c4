export * from './organisation.store';
