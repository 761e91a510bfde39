import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  changeContractStatus,
  contractorRecord,
  createContract,
  getContract,
  listContracts,
  recordGrade,
  recordPayment,
  recordSpending,
  signContract,
  updateContract,
  uploadContractFile,
  type ContractDetail,
} from '../../../shared/contracts/service-contracts';
import { api } from '../../lib/api';
import { uploadJson, type OnProgress } from '../social-workers/upload';

export type ContractListQuery = NonNullable<QueryOf<typeof listContracts>>;

const keys = {
  list: (q: ContractListQuery) => ['contracts', 'list', q] as const,
  detail: (id: string) => ['contracts', 'detail', id] as const,
  record: (orgId: string) => ['contracts', 'contractor-record', orgId] as const,
};

export function useContracts(query: ContractListQuery) {
  return useQuery({ queryKey: keys.list(query), queryFn: () => api(listContracts, { query }), placeholderData: keepPreviousData });
}

export function useContract(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => api(getContract, { params: { id } }) });
}

/** R-EVAL-USE: the chosen contractor's contracts and grades. */
export function useContractorRecord(orgId: string | undefined) {
  return useQuery({
    queryKey: keys.record(orgId ?? ''),
    queryFn: () => api(contractorRecord, { params: { id: orgId ?? '' } }),
    enabled: Boolean(orgId),
  });
}

/** Every write answers with the contract: cache it, re-read lists, funding and the calendar. */
function useSaved() {
  const client = useQueryClient();
  return (c: ContractDetail) => {
    client.setQueryData(keys.detail(c.id), c);
    void client.invalidateQueries({ queryKey: ['contracts', 'list'] });
    void client.invalidateQueries({ queryKey: ['contracts', 'contractor-record'] });
    void client.invalidateQueries({ queryKey: ['funding'] });
    void client.invalidateQueries({ queryKey: ['calendar'] });
  };
}

export function useCreateContract() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof createContract>) => api(createContract, { body }), onSuccess: saved });
}

export function useUpdateContract(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof updateContract>) => api(updateContract, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useSignContract(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof signContract>) => api(signContract, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useContractStatus(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof changeContractStatus>) => api(changeContractStatus, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useRecordPayment(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof recordPayment>) => api(recordPayment, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useRecordSpending(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof recordSpending>) => api(recordSpending, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useRecordGrade(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof recordGrade>) => api(recordGrade, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useUploadContractFile(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress?: OnProgress }) =>
      uploadJson(uploadContractFile, { params: { id } }, file, onProgress),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.detail(id) }),
  });
}
