import type { TablePaginationConfig } from 'antd';
import { m } from '../i18n';

/**
 * The total the pager pages over. A capped total (the server stopped counting at its cap, "共 1,000+
 * 条") offers the pages counted and, while the page came back full, the next one (下一页): the
 * server counts up to the end of the page asked for, so each step reveals one more page, never
 * page numbers past what is known to exist.
 */
export function pagerTotal(page: number, pageSize: number, total: number, capped?: boolean, shown?: number): number {
  if (!capped || (shown !== undefined && shown < pageSize)) return total;
  return Math.max(total, page * pageSize + 1);
}

/**
 * Table paging driven by the server's page, size and total (lists are never paged in the browser).
 * `shown` is how many rows the page returned.
 */
export function serverPagination(
  page: number,
  pageSize: number,
  total: number | undefined,
  capped?: boolean,
  shown?: number,
): TablePaginationConfig {
  const counted = total ?? 0;
  return {
    current: page,
    pageSize,
    total: pagerTotal(page, pageSize, counted, capped, shown),
    showSizeChanger: true,
    showTotal: () => m.common.total(counted, capped),
  };
}
