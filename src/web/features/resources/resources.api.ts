import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  closeNeed, createNeed, createOffer, decideMatch, getNeed, listNeeds, listOffers, needSuggestions, proposeMatch, publicResourceWall,
  recordDelivery, requestNeedPublic, reviewNeedPublic, uploadMatchProof,
} from '../../../shared/contracts/resources';
import { api, apiUrl } from '../../lib/api';

export type NeedListQuery = NonNullable<QueryOf<typeof listNeeds>>;
export type OfferListQuery = NonNullable<QueryOf<typeof listOffers>>;

export const useNeeds = (query: NeedListQuery) =>
  useQuery({ queryKey: ['resources', 'needs', query], queryFn: () => api(listNeeds, { query }), placeholderData: keepPreviousData });

export const useNeed = (id: string) => useQuery({ queryKey: ['resources', 'need', id], queryFn: () => api(getNeed, { params: { id } }) });

export const useSuggestions = (id: string, enabled: boolean) =>
  useQuery({ queryKey: ['resources', 'need', id, 'suggestions'], queryFn: () => api(needSuggestions, { params: { id } }), enabled });

export const useOffers = (query: OfferListQuery) =>
  useQuery({ queryKey: ['resources', 'offers', query], queryFn: () => api(listOffers, { query }), placeholderData: keepPreviousData });

export const useResourceWall = () => useQuery({ queryKey: ['public', 'resource-wall'], queryFn: () => api(publicResourceWall, { query: {} }) });

/** Every write touches needs, offers and matches together: re-read all of them. */
function useResourceWrite<V, R>(write: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => client.invalidateQueries({ queryKey: ['resources'] }) });
}

export const useCreateNeed = () => useResourceWrite((body: BodyOf<typeof createNeed>) => api(createNeed, { body }));
export const useCloseNeed = () =>
  useResourceWrite(({ id, body }: { id: string; body: BodyOf<typeof closeNeed> }) => api(closeNeed, { params: { id }, body }));
export const useRequestPublic = () =>
  useResourceWrite(({ id, body }: { id: string; body: BodyOf<typeof requestNeedPublic> }) => api(requestNeedPublic, { params: { id }, body }));
export const useReviewPublic = () =>
  useResourceWrite(({ id, body }: { id: string; body: BodyOf<typeof reviewNeedPublic> }) => api(reviewNeedPublic, { params: { id }, body }));
export const useCreateOffer = () => useResourceWrite((body: BodyOf<typeof createOffer>) => api(createOffer, { body }));
export const useProposeMatch = () => useResourceWrite((body: BodyOf<typeof proposeMatch>) => api(proposeMatch, { body }));
export const useDecideMatch = () =>
  useResourceWrite(({ id, body }: { id: string; body: BodyOf<typeof decideMatch> }) => api(decideMatch, { params: { id }, body }));
export const useDeliver = () =>
  useResourceWrite(({ id, body }: { id: string; body: BodyOf<typeof recordDelivery> }) => api(recordDelivery, { params: { id }, body }));

export const proofUrl = (id: string) => apiUrl(uploadMatchProof, { params: { id } });
