export * from './codec';
export * from './typed-params';
export { XdrReader, padding } from './reader';
export { XdrWriter } from './writer';
