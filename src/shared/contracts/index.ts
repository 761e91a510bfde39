// Every contract of the API, by module. The server registers all of them; the web imports what it calls.
export * as auth from './auth';
export * as system from './system';
export * as regions from './regions';
export * as stations from './stations';
export * as users from './users';
export * as security from './security';
export * as audit from './audit';
export * as organizations from './organizations';
export * as socialWorkers from './social-workers';
export * as compliance from './compliance';
export * as serviceCatalogue from './service-catalogue';
export * as partners from './partners';
export * as clients from './clients';
export * as cases from './cases';
export * as serviceRecords from './service-records';
