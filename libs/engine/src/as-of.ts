/*
 * `@dd/engine/as-of`: what a process needs to answer the risk register and the OECD status "as of" a
 * time from the read-model file alone (the CLI's `audit replay`), without the Nest engine, its command
 * handlers, process managers and reports. Loading `@dd/engine` takes several times as long as the
 * answer from the read models' history itself (docs/as-of-at-scale.md). Nothing here is new: the same
 * functions `@dd/engine` exports, from files that do not import Nest.
 */
export { engineConfigFromEnv, type EngineConfig } from './config/engine-config';
export { readModelFile } from './read-model-file';
export { systemClock, type Clock } from './tokens';
export { ReadAsOfParams, resolveAsOf, type ReadAsOf, type ResolvedAsOf } from './reads/read-as-of';
export { clockAsOf, projectionsNamed } from './reads/as-of-answers';
export { logAsOf } from './reads/log-as-of';
export { readModelsOver, type ReadModels } from './reads/read-query';
export { riskRegisterRead } from './reads/risk-register.reads';
export { oecdStatusRead } from './reads/oecd-and-program.reads';
