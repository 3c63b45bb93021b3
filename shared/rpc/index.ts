export * from './define';
export * from './protocol';
export * from './transport';
export * from './client';
export * from './server';
export * from './memory-transport';
