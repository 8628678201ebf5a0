export * from './page-phrases';
export * from './render-supplier-page';
