/**
 * Test fixtures of the read models (`@dd/projections/testing`): domain logs to project, and the
 * smelter register's. Never part of a build.
 */
export * from './test-support/domain-log.fixture';
export * from './smelter-register/smelter-register.fixture';
