export * from './evidence-pack';
export * from './file-references';
export * from './pack-zip';
export * from './pack-readme';
export * from './period-scope';
