export * from './regions';
export * from './organizations';
export * from './stations';
export * from './users';
export * from './security';
export * from './audit';
export * from './files';
export * from './social-workers';
