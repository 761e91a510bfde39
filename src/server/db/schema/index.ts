export * from './regions';
export * from './organizations';
export * from './stations';
export * from './users';
export * from './security';
export * from './audit';
