import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import * as c from '../../../shared/contracts/volunteers';
import { api, download } from '../../lib/api';

export type VolunteerListQuery = NonNullable<QueryOf<typeof c.listVolunteers>>;
export type TeamListQuery = NonNullable<QueryOf<typeof c.listTeams>>;
export type TotalsQuery = NonNullable<QueryOf<typeof c.volunteerTotals>>;

const KEY = 'volunteers';

export function useVolunteers(query: VolunteerListQuery) {
  return useQuery({ queryKey: [KEY, 'list', query], queryFn: () => api(c.listVolunteers, { query }), placeholderData: keepPreviousData });
}

export function useVolunteer(id: string) {
  return useQuery({ queryKey: [KEY, 'one', id], queryFn: () => api(c.getVolunteer, { params: { id } }) });
}

export function useVolunteerRecords(query: NonNullable<QueryOf<typeof c.listVolunteerRecords>>) {
  return useQuery({ queryKey: [KEY, 'records', query], queryFn: () => api(c.listVolunteerRecords, { query }), placeholderData: keepPreviousData });
}

export function useCertificates(query: NonNullable<QueryOf<typeof c.listCertificates>>) {
  return useQuery({ queryKey: [KEY, 'certificates', query], queryFn: () => api(c.listCertificates, { query }) });
}

export function useSources(query: NonNullable<QueryOf<typeof c.listVolunteerSources>>) {
  return useQuery({ queryKey: [KEY, 'sources', query], queryFn: () => api(c.listVolunteerSources, { query }) });
}

export function useTeams(query: TeamListQuery) {
  return useQuery({ queryKey: [KEY, 'teams', query], queryFn: () => api(c.listTeams, { query }), placeholderData: keepPreviousData });
}

export function useTotals(query: TotalsQuery) {
  return useQuery({ queryKey: [KEY, 'totals', query], queryFn: () => api(c.volunteerTotals, { query }), placeholderData: keepPreviousData });
}

/** Every write changes lists, totals and the volunteer's page: all volunteer queries are re-read. */
function useWrite<V, R>(write: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => client.invalidateQueries({ queryKey: [KEY] }) });
}

export const useCreateVolunteer = () => useWrite((body: BodyOf<typeof c.createVolunteer>) => api(c.createVolunteer, { body }));
export const useUpdateVolunteer = () =>
  useWrite(({ id, body }: { id: string; body: BodyOf<typeof c.updateVolunteer> }) => api(c.updateVolunteer, { params: { id }, body }));
export const useCreateRecord = () =>
  useWrite(({ id, body }: { id: string; body: BodyOf<typeof c.createVolunteerRecord> }) => api(c.createVolunteerRecord, { params: { id }, body }));
export const useRecordFromActivity = () => useWrite((body: BodyOf<typeof c.recordFromActivity>) => api(c.recordFromActivity, { body }));
export const useIssueCertificate = () =>
  useWrite(({ id, body }: { id: string; body: BodyOf<typeof c.issueCertificate> }) => api(c.issueCertificate, { params: { id }, body }));
export const useCreateTeam = () => useWrite((body: BodyOf<typeof c.createTeam>) => api(c.createTeam, { body }));
export const useUpdateTeam = () =>
  useWrite(({ id, body }: { id: string; body: BodyOf<typeof c.updateTeam> }) => api(c.updateTeam, { params: { id }, body }));

export const revealVolunteer = (id: string, field: 'idNumber' | 'phone') =>
  api(c.revealVolunteerField, { params: { id }, body: { field } }).then((r) => r.value);

/** Prints (downloads) a certificate; the list then shows the new print count (the next is a 副本). */
export function usePrintCertificate() {
  const client = useQueryClient();
  return (id: string) =>
    download(c.printCertificate, { params: { id } }).then(() => client.invalidateQueries({ queryKey: [KEY, 'certificates'] }));
}
