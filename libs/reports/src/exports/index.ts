export * from './export-table';
export * from './formula-injection';
export * from './csv';
export * from './xlsx';
export * from './render-export';
