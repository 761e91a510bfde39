import { z } from 'zod';
import { ARCHIVE_STATUSES } from '../rules/archives';
import { CONTRACT_STATUSES } from '../rules/purchase';
import { idParams, pageOf, pagingQuery, route } from './http';

// 资料归档: a station's year gathered into one zip with an index (index.xlsx), built by a job
// that any SGZ process may run; the page polls the job's progress, then downloads the zip.

/** Archives start with the plan's first year (2021). */
export const FIRST_ARCHIVE_YEAR = 2021;

export const stationYearArchiveRequest = z.strictObject({
  stationId: z.uuid({ error: '请选择社工站' }),
  year: z.number({ error: '请选择年度' }).int().min(FIRST_ARCHIVE_YEAR, { error: `年度不能早于${FIRST_ARCHIVE_YEAR}年` }).max(2100),
});
export const contractArchiveRequest = z.strictObject({ contractId: z.uuid({ error: '请选择合同' }) });
/** A station's year, or a contract (its terms, money, evaluations and its stations' years within its term); never both. */
export const archiveRequest = z.union([stationYearArchiveRequest, contractArchiveRequest], { error: '请选择社工站和年度，或选择合同（二者选一）' });

export const ARCHIVE_JOB_KINDS = ['station_year', 'contract'] as const;
export const ARCHIVE_JOB_KIND_LABELS: Record<(typeof ARCHIVE_JOB_KINDS)[number], string> = { station_year: '社工站年度', contract: '合同' };

export const archiveJobSchema = z.object({
  id: z.string(),
  kind: z.enum(ARCHIVE_JOB_KINDS),
  stationId: z.string().nullable(),
  stationName: z.string(),
  year: z.number().int().nullable(),
  contractId: z.string().nullable(),
  title: z.string(),
  status: z.enum(ARCHIVE_STATUSES),
  progressDone: z.number().int(),
  progressTotal: z.number().int(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  fileCount: z.number().int(),
  size: z.number().int().nullable(),
  sha256: z.string().nullable(),
  error: z.string(),
  /** Done, but a later archive of the same station-year (contract) replaced it and its zip is no longer kept. */
  superseded: z.boolean(),
});
export type ArchiveJob = z.infer<typeof archiveJobSchema>;

export const listArchives = route({
  method: 'GET', path: '/api/archives', summary: '资料归档任务（本人数据范围内），新近的在前，分页', tag: 'archives',
  permission: 'archive:read',
  query: z.strictObject({ stationId: z.uuid().optional(), year: z.coerce.number().int().min(FIRST_ARCHIVE_YEAR).max(2100).optional(), ...pagingQuery }),
  response: pageOf(archiveJobSchema),
});

export const requestArchive = route({
  method: 'POST', path: '/api/archives', summary: '生成社工站年度或合同归档（排队，任一服务进程生成）', tag: 'archives',
  permission: 'archive:request', body: archiveRequest, response: archiveJobSchema,
});

/** A contract the user may archive (signed or later, with its term): what the 按合同 picker offers. */
export const archivableContractSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  contractorName: z.string(),
  status: z.enum(CONTRACT_STATUSES),
  startsOn: z.string(),
  endsOn: z.string(),
});
export type ArchivableContract = z.infer<typeof archivableContractSchema>;

export const listArchivableContracts = route({
  method: 'GET', path: '/api/archives/contracts', summary: '可归档的合同（已签订且在本人归档范围内），按编号、名称或承接机构查找，分页', tag: 'archives',
  permission: 'archive:request',
  query: z.strictObject({ q: z.string().trim().max(50).optional(), ...pagingQuery }),
  response: pageOf(archivableContractSchema),
});

export const getArchive = route({
  method: 'GET', path: '/api/archives/:id', summary: '归档任务及进度（已完成/总数）', tag: 'archives',
  permission: 'archive:read', params: idParams, response: archiveJobSchema,
});

export const downloadArchive = route({
  method: 'GET', path: '/api/archives/:id/download', summary: '下载归档压缩包（zip，含 index.xlsx 目录）；下载时再次核对范围并留痕', tag: 'archives',
  permission: 'archive:read', params: idParams,
});
