import type { TablePaginationConfig } from 'antd';
import { m } from '../i18n';

/**
 * Table paging driven by the server's page, size and total (lists are never paged in the browser).
 * A capped total (the server stopped counting at its cap) shows as "共 10,000+ 条".
 */
export function serverPagination(page: number, pageSize: number, total: number | undefined, capped?: boolean): TablePaginationConfig {
  return { current: page, pageSize, total: total ?? 0, showSizeChanger: true, showTotal: (n) => m.common.total(n, capped) };
}
