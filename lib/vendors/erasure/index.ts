export * from './types';
export { manual } from './call';
