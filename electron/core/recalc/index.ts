export * from './commands';
export * from './messages';
