export * from './data-source';
export * from './entities';
export * from './migrations';
export * from './stores';
export * from './hash';
export * from './sql';
export * from './people';
export * from './testing';
