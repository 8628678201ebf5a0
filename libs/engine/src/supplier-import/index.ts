export * from './supplier-table';
export * from './supplier-import-plan';
export * from './supplier-import';
