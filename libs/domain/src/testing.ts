/**
 * Test fixtures of the domain, for the specs of every package (`@dd/domain/testing`): CMRT declarations
 * as a supplier would fill them, and the given/when/then harness for deciders. Never part of a build.
 */
export * from './declaration/checker/declaration.fixture';
export * from './declaration/checker/cmrt-samples.fixture';
export * from './declaration/checker/emrt-declaration.fixture';
export * from './shared/decider-specification';
