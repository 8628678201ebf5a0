/**
 * Documents people read, made from the read models: the management risk report, the Conflict Minerals
 * Report draft, the risk roll-forward, spreadsheet exports and the auditor's evidence pack. Pure
 * rendering from data the engine hands in (no store, no HTTP), so that the same as-of position always
 * gives the same bytes.
 */
export * from './evidence-pack';
export * from './roll-forward';
export * from './exports';
export * from './risk-report';
export * from './cmr-draft';
export * from './pdf';
export * from './supplier-mail';
export * from './supplier-page';
