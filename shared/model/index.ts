export * from './labels';
export * from './level';
export * from './app-error';
