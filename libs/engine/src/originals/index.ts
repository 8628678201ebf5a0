export * from './originals-store';
export * from './filesystem-originals-store';
export * from './memory-originals-store';
export * from './originals-store-for';
