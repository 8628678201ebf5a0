export * from './cmrt-file';
export * from './cmrt-response-outcome';
export * from './cmrt-response-intake';
