export * from './errors';
export * from './mapping';
