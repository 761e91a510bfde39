import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  createSystemDocument, downloadSystemFile, listSystemDocuments, systemCompleteness, uploadSystemFile,
} from '../../../shared/contracts/institutional-systems';
import { api, apiUrl, upload } from '../../lib/api';

export type SystemDocumentBody = BodyOf<typeof createSystemDocument>;

export type DocumentsQuery = QueryOf<typeof listSystemDocuments>;

export const useCompleteness = (page: number, pageSize: number) =>
  useQuery({
    queryKey: ['institutional-systems', 'completeness', page, pageSize],
    queryFn: () => api(systemCompleteness, { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });

export const useSystemDocuments = (query: DocumentsQuery) =>
  useQuery({ queryKey: ['institutional-systems', 'list', query], queryFn: () => api(listSystemDocuments, { query }), placeholderData: keepPreviousData });

export const fileUrl = (id: string) => apiUrl(downloadSystemFile, { params: { id } });

/** Registers the document, then attaches its text when one was chosen. */
export function useRegisterDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, file }: { body: SystemDocumentBody; file: File | null }) => {
      const doc = await api(createSystemDocument, { body });
      // The document's text goes up as multipart (checked by content on the server).
      return file ? upload(uploadSystemFile, { params: { id: doc.id } }, file) : doc;
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['institutional-systems'] }),
  });
}
