export * from './company-profile';
export * from './our-cmrt';
export * from './customer-declaration.events';
export * from './customer-declaration.decider';
export * from './declaration-rules';
export * from './our-emrt';
