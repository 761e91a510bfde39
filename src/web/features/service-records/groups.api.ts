import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import { addGroupSession, createGroup, groupSchema, listGroups, setGroupPhase } from '../../../shared/contracts/service-records';
import { ApiError, api } from '../../lib/api';
import { zhCNDaily } from '../../i18n/zh-CN.daily';

export type Group = z.infer<typeof groupSchema>;
export type GroupListQuery = NonNullable<QueryOf<typeof listGroups>>;

const keys = {
  list: (q: GroupListQuery) => ['groups', 'list', q] as const,
  detail: (id: string) => ['groups', 'detail', id] as const,
};

export function useGroups(query: GroupListQuery) {
  return useQuery({ queryKey: keys.list(query), queryFn: () => api(listGroups, { query }), placeholderData: keepPreviousData });
}

/**
 * One group. The contracts have no GET /api/groups/:id, so it is looked up in the (scoped)
 * list, 200 at a time; a station has a handful of groups, so the first page nearly always has it.
 */
export function useGroup(id: string) {
  return useQuery({
    queryKey: keys.detail(id),
    queryFn: async () => {
      for (let page = 1; page <= 10; page++) {
        const res = await api(listGroups, { query: { page, pageSize: 200 } });
        const found = res.items.find((g) => g.id === id);
        if (found) return found;
        if (page * res.pageSize >= res.total) break;
      }
      throw new ApiError(404, 'NOT_FOUND', zhCNDaily.groups.notFound);
    },
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
