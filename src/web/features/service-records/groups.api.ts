import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import { addGroupSession, createGroup, getGroup, groupListItemSchema, groupSchema, listGroups, setGroupPhase } from '../../../shared/contracts/service-records';
import { api } from '../../lib/api';

export type Group = z.infer<typeof groupSchema>;
export type GroupListItem = z.infer<typeof groupListItemSchema>;
export type GroupListQuery = NonNullable<QueryOf<typeof listGroups>>;

const keys = {
  list: (q: GroupListQuery) => ['groups', 'list', q] as const,
  detail: (id: string) => ['groups', 'detail', id] as const,
};

export function useGroups(query: GroupListQuery) {
  return useQuery({ queryKey: keys.list(query), queryFn: () => api(listGroups, { query }), placeholderData: keepPreviousData });
}

/** One group; out of scope it is a 404 like any other record. */
export function useGroup(id: string) {
  return useQuery({
    queryKey: keys.detail(id),
    queryFn: () => api(getGroup, { params: { id } }),
    retry: false,
  });
}

function useGroupSaved() {
  const client = useQueryClient();
  return (g: Group) => {
    client.setQueryData(keys.detail(g.id), g);
    void client.invalidateQueries({ queryKey: ['groups', 'list'] });
  };
}

export function useCreateGroup() {
  const saved = useGroupSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof createGroup>) => api(createGroup, { body }), onSuccess: saved });
}

export function useAddSession(id: string) {
  const saved = useGroupSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof addGroupSession>) => api(addGroupSession, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useSetPhase(id: string) {
  const saved = useGroupSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof setGroupPhase>) => api(setGroupPhase, { params: { id }, body }),
    onSuccess: saved,
  });
}
