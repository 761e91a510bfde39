import type { TablePaginationConfig } from 'antd';
import { m } from '../i18n';

/** Table paging driven by the server's page, size and total (lists are never paged in the browser). */
export function serverPagination(page: number, pageSize: number, total: number | undefined): TablePaginationConfig {
  return { current: page, pageSize, total: total ?? 0, showSizeChanger: true, showTotal: (n) => m.common.total(n) };
}
