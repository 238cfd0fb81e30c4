/** Test databases: the factory lives in @tacu/persistence (its own tests use it too). */
export { createTestDataSource, onServer, restartTestDataSource, type TestDataSourceOptions } from '@tacu/persistence';
