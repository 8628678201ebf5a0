export * from './declaration-config';
export * from './our-declarations';
