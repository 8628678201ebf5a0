export * from './supplier-mail-templates';
export * from './render-supplier-mail';
