import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  createSystemDocument, downloadSystemFile, listSystemDocuments, systemCompleteness, uploadSystemFile, type SystemDocument,
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

/**
 * Registers the document, then attaches its text when one was chosen. The document stays
 * registered whatever becomes of its text: a refused upload comes back as `textError` (not a
 * failed registration the officer would repeat), and the list's 上传正文 attaches it later.
 */
export function useRegisterDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, file }: { body: SystemDocumentBody; file: File | null }): Promise<{ doc: SystemDocument; textError: unknown }> => {
      const doc = await api(createSystemDocument, { body });
      if (!file) return { doc, textError: null };
      try {
        // The document's text goes up as multipart (checked by content on the server).
        return { doc: await upload(uploadSystemFile, { params: { id: doc.id } }, file), textError: null };
      } catch (textError) {
        return { doc, textError };
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['institutional-systems'] }),
  });
}

/** Attaches (or replaces) the text of a registered version in force or waiting to take effect. */
export function useAttachText() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => upload(uploadSystemFile, { params: { id } }, file),
    onSettled: () => client.invalidateQueries({ queryKey: ['institutional-systems'] }),
  });
}
