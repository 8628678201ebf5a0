/**
 * Test fixtures of the workbook reader, for the specs of every package (`@dd/cmrt/testing`): the real
 * RMI workbooks when ../shared is present, workbooks built in memory, and zip surgery for the archive
 * specs and fuzzing. Never part of a build.
 */
export * from './test-support/cmrt-files';
export * from './test-support/minimal-xlsx';
export * from './test-support/generated-cmrt';
export * from './test-support/exceljs-workbooks';
export * from './test-support/blank-declaration';
export * from './test-support/template-fixtures';
export * from './test-support/template-cells';
export * from './test-support/zip-surgery';
export * from './test-support/zip-mutations';
