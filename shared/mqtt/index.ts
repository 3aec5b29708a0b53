export * from './connack-codes';
export * from './network-errors';
export * from './reason-codes';
export * from './types';
