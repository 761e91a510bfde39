import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import { createPost, getPost, listBrands, listPosts, reviewPost, submitPost, updatePost, type Post } from '../../../shared/contracts/publicity';
import { api } from '../../lib/api';

export type PostListQuery = NonNullable<QueryOf<typeof listPosts>>;
export type PostBody = BodyOf<typeof createPost>;

const keys = {
  list: (q: PostListQuery) => ['publicity', 'list', q] as const,
  detail: (id: string) => ['publicity', 'detail', id] as const,
};

export function usePosts(query: PostListQuery) {
  return useQuery({ queryKey: keys.list(query), queryFn: () => api(listPosts, { query }), placeholderData: keepPreviousData });
}

export function usePost(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => api(getPost, { params: { id } }) });
}

export function useBrands() {
  return useQuery({ queryKey: ['publicity', 'brands'], queryFn: () => api(listBrands) });
}

function useSaved() {
  const client = useQueryClient();
  return (p: Post) => {
    client.setQueryData(keys.detail(p.id), p);
    void client.invalidateQueries({ queryKey: ['publicity', 'list'] });
  };
}

export function useCreatePost() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: PostBody) => api(createPost, { body }), onSuccess: saved });
}

export function useUpdatePost(id: string) {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof updatePost>) => api(updatePost, { params: { id }, body }), onSuccess: saved });
}

export function useSubmitPost(id: string) {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof submitPost>) => api(submitPost, { params: { id }, body }), onSuccess: saved });
}

export function useReviewPost(id: string) {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof reviewPost>) => api(reviewPost, { params: { id }, body }), onSuccess: saved });
}
