import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Me } from '../../../shared/contracts/auth';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  createSystemDocument, downloadSystemFile, listSystemDocuments, systemCompleteness, uploadSystemFile, type SystemDocument,
} from '../../../shared/contracts/institutional-systems';
import type { ErrorBody, ErrorCode } from '../../../shared/errors';
import { m } from '../../i18n';
import { api, ApiError, apiUrl } from '../../lib/api';
import { ME_KEY } from '../../lib/session';

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

/** The document's text goes up as multipart, the house's upload shape (checked by content on the server). */
async function uploadText(client: QueryClient, id: string, file: File): Promise<SystemDocument> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await fetch(apiUrl(uploadSystemFile, { params: { id } }), {
    method: 'POST', body, credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-CSRF-Token': client.getQueryData<Me | null>(ME_KEY)?.csrfToken ?? '' },
  });
  const json = (await res.json().catch(() => ({}))) as Partial<ErrorBody> & SystemDocument;
  if (!res.ok) throw new ApiError(res.status, (json.error?.code ?? 'INTERNAL') as ErrorCode, json.error?.message ?? m.app.loadFailed, json.error?.details);
  return json;
}

/** Registers the document, then attaches its text when one was chosen. */
export function useRegisterDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, file }: { body: SystemDocumentBody; file: File | null }) => {
      const doc = await api(createSystemDocument, { body });
      return file ? uploadText(client, doc.id, file) : doc;
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['institutional-systems'] }),
  });
}
