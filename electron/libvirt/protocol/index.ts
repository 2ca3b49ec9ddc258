export * from './constants';
export * from './header';
export * from './error';
export * from './error-codes';
export * from './libvirt-error';
export * from './types';
export * from './events';
export * from './procedures';
