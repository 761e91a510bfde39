import { Card, Checkbox, Col, Empty, Flex, Input, Pagination, Row, Select, Table, Typography, type ColProps, type TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useCallback, useEffect, useState, useSyncExternalStore, type Key, type ReactNode } from 'react';
import { LoadError } from './PageStates';
import { PageHeader } from './PageHeader';
import { pagerTotal, serverPagination } from '../lib/paging';
import { toPage, useUrlState } from '../lib/useUrlState';
import { m } from '../i18n';

// Lists become cards below antd's `sm` (576 px): a phone held upright; a small tablet keeps the table.
const CARDS_QUERY = '(max-width: 575.98px)';
const onCardsQuery = (onChange: () => void) => {
  const mql = window.matchMedia(CARDS_QUERY);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
};
/** Whether a list shows as cards (below `sm`) rather than a table. */
export function useCardLayout(): boolean {
  return useSyncExternalStore(onCardsQuery, () => window.matchMedia(CARDS_QUERY).matches, () => false);
}

type Changes<K extends string> = Partial<Record<K, string | number | null | undefined>>;

/** A list's URL state: its filters, page and size; changing a filter goes back to page 1. */
export interface ListState<K extends string = string> {
  url: Partial<Record<K | 'page' | 'pageSize', string>>;
  setUrl: (changes: Changes<K | 'page' | 'pageSize'>) => void;
  setFilter: (changes: Changes<K>) => void;
  page: number;
  pageSize: number;
}

export function useListState<K extends string>(keys: readonly K[], defaultPageSize = 20): ListState<K> {
  const [url, setUrl] = useUrlState<K | 'page' | 'pageSize'>(keys as readonly (K | 'page' | 'pageSize')[]);
  const setFilter = useCallback(
    (changes: Changes<K>) => {
      setUrl(Object.assign({}, changes, { page: undefined }) as Changes<K | 'page' | 'pageSize'>);
    },
    [setUrl],
  );
  return { url, setUrl, setFilter, page: toPage(url.page, 1), pageSize: toPage(url.pageSize, defaultPageSize) };
}

/** The value of `v` when it is one of `list`. */
export const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined =>
  (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

interface FilterBase {
  key: string;
  label: string;
  placeholder?: string;
  span?: ColProps;
  /** Other keys cleared with this one (a village follows its station). */
  clears?: string[];
}
/** A filter the page declares; its value lives in the URL under `key`. */
export type ListFilter =
  | (FilterBase & { type: 'search' })
  | (FilterBase & {
      type: 'select';
      options: { value: string; label: ReactNode }[];
      /** Shown when the URL holds nothing (a default sort); choosing it clears the key. */
      fallback?: string;
      showSearch?: boolean;
      loading?: boolean;
      disabled?: boolean;
      testId?: string;
    })
  | (FilterBase & { type: 'check'; on?: string })
  | { type: 'node'; key: string; span?: ColProps; node: ReactNode }
  | CustomFilter;
/** A control of the feature's own (a county or year picker) bound to the URL key. */
export type CustomFilter = FilterBase & {
  type: 'custom';
  render: (value: string | undefined, onChange: (v: string | number | undefined) => void) => ReactNode;
};

function SearchFilter({ f, value, onSearch }: { f: FilterBase; value: string | undefined; onSearch: (v: string) => void }) {
  const [keyword, setKeyword] = useState(value ?? '');
  // Back/forward changes the URL under the search box: follow it.
  useEffect(() => setKeyword(value ?? ''), [value]);
  return (
    <Input.Search
      aria-label={f.label}
      placeholder={f.placeholder ?? f.label}
      allowClear
      enterButton={m.common.search}
      value={keyword}
      onChange={(e) => setKeyword(e.target.value)}
      onSearch={(v) => onSearch(v.trim())}
    />
  );
}

const clearing = (keys: string[] | undefined) => Object.fromEntries((keys ?? []).map((k) => [k, undefined]));

function FilterBar({ filters, list }: { filters: (ListFilter | false | null | undefined)[]; list: ListState }) {
  const shown = filters.filter((f): f is ListFilter => !!f);
  if (shown.length === 0) return null;
  const url = list.url as Record<string, string | undefined>;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} align="middle">
      {shown.map((f) => {
        const span = f.span ?? (f.type === 'search' ? { xs: 24, md: 8 } : { xs: 12, md: 4 });
        let control: ReactNode;
        if (f.type === 'node') control = f.node;
        else if (f.type === 'custom') control = f.render(url[f.key], (v) => list.setFilter({ ...clearing(f.clears), [f.key]: v }));
        else if (f.type === 'search') control = <SearchFilter f={f} value={url[f.key]} onSearch={(v) => list.setFilter({ [f.key]: v })} />;
        else if (f.type === 'check') {
          const on = f.on ?? 'true';
          control = (
            <Checkbox checked={url[f.key] === on} onChange={(e) => list.setFilter({ [f.key]: e.target.checked ? on : undefined })}>
              {f.label}
            </Checkbox>
          );
        } else {
          const current = url[f.key];
          const value = current !== undefined && f.options.some((o) => o.value === current) ? current : f.fallback;
          control = (
            <Select<string>
              aria-label={f.label}
              data-testid={f.testId}
              placeholder={f.placeholder ?? f.label}
              allowClear={f.fallback === undefined}
              showSearch={f.showSearch ? { optionFilterProp: 'label' } : undefined}
              loading={f.loading}
              disabled={f.disabled}
              style={{ width: '100%' }}
              options={f.options}
              value={value}
              onChange={(v) => list.setFilter({ ...clearing(f.clears), [f.key]: v === f.fallback ? undefined : v })}
            />
          );
        }
        return (
          <Col key={f.key} {...span}>
            {control}
          </Col>
        );
      })}
    </Row>
  );
}

/** A list row on a phone: the title (a link) with its tag, a grey line, then what else matters. */
export function ListCard(props: { title: ReactNode; tag?: ReactNode; meta?: ReactNode; children?: ReactNode; testId?: string; danger?: boolean }) {
  const { title, tag, meta, children, testId } = props;
  return (
    <Card size="small" data-testid={testId} style={props.danger ? { borderColor: '#ff4d4f' } : undefined}>
      <Flex justify="space-between" align="start" gap={8}>
        <div style={{ fontWeight: 600, minWidth: 0, wordBreak: 'break-all' }}>{title}</div>
        {tag}
      </Flex>
      {meta ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {meta}
        </Typography.Text>
      ) : null}
      {children ? <div style={{ marginTop: 4, wordBreak: 'break-all' }}>{children}</div> : null}
    </Card>
  );
}

export interface ListResult<T> {
  data?: { items: T[]; total: number; totalCapped?: boolean };
  isPending: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** Sorting by a column header: its `sorter: true` columns sort by their key ('-key' descending). */
export interface ListSort {
  value: string;
  fallback: string;
  allowed: readonly string[];
}

function orderOf(sort: string, column: Key | undefined): SortOrder {
  if (sort === column) return 'ascend';
  if (sort === `-${String(column)}`) return 'descend';
  return null;
}

/**
 * A list page: title and actions, the declared filters (kept in the URL), then a table on a desktop
 * or cards on a phone, paged by the server, with an empty state and the capped total ("共 1,000+ 条", 下一页 on).
 */
export function ListPage<T extends object>(props: {
  title: ReactNode;
  extra?: ReactNode;
  filters?: (ListFilter | false | null | undefined)[];
  list: ListState;
  result: ListResult<T>;
  columns: NonNullable<TableProps<T>['columns']>;
  card: (row: T) => ReactNode;
  cardsTestId?: string;
  empty: string;
  rowKey?: TableProps<T>['rowKey'];
  scrollX?: number;
  sort?: ListSort;
  /** Between the filters and the list (active filter tags, a note). */
  children?: ReactNode;
  /** Inside the title block (a subtitle or an alert). */
  header?: ReactNode;
  /** A list that is not paged (the whole answer on one page). */
  unpaged?: boolean;
  onRow?: TableProps<T>['onRow'];
  expandable?: TableProps<T>['expandable'];
}) {
  const { list, result, sort } = props;
  const asCards = useCardLayout();
  const { data, isPending, isFetching, error } = result;
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  const rowKey = props.rowKey ?? ('id' as TableProps<T>['rowKey']);
  const keyOf = (row: T, i: number): Key =>
    typeof rowKey === 'function' ? rowKey(row, i) : String((row as Record<string, unknown>)[String(rowKey)] ?? i);

  const columns = sort
    ? props.columns.map((c) => (c.sorter === true ? { ...c, sortOrder: orderOf(sort.value, c.key) } : c))
    : props.columns;
  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter) => {
    if (!sort) {
      list.setUrl({ page: pagination.current, pageSize: pagination.pageSize });
      return;
    }
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = single?.columnKey;
    const wanted = typeof key === 'string' && single?.order ? (single.order === 'descend' ? `-${key}` : key) : sort.fallback;
    const next = sort.allowed.includes(wanted) ? wanted : sort.fallback;
    list.setUrl({
      sort: next === sort.fallback ? undefined : next,
      page: next === sort.value ? pagination.current : 1,
      pageSize: pagination.pageSize,
    });
  };

  let body: ReactNode;
  if (error && !data) body = <LoadError error={error} onRetry={() => void result.refetch()} />;
  else if (asCards)
    body =
      !isPending && items.length === 0 ? (
        <Empty description={props.empty} />
      ) : (
        <Flex vertical gap={12} data-testid={props.cardsTestId}>
          {items.map((row, i) => (
            <div key={keyOf(row, i)}>{props.card(row)}</div>
          ))}
          {isPending ? <Card size="small" loading /> : null}
          {props.unpaged ? null : (
            <Pagination
              simple
              align="center"
              current={list.page}
              pageSize={list.pageSize}
              total={pagerTotal(list.page, list.pageSize, total, data?.totalCapped, data?.items.length)}
              onChange={(p) => list.setUrl({ page: p })}
            />
          )}
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {m.common.total(total, data?.totalCapped)}
          </Typography.Text>
        </Flex>
      );
  else
    body = (
      <Table<T>
        rowKey={rowKey}
        size="middle"
        columns={columns}
        dataSource={items}
        loading={isPending || isFetching}
        scroll={props.scrollX ? { x: props.scrollX } : undefined}
        locale={{ emptyText: <Empty description={props.empty} /> }}
        onChange={onChange}
        onRow={props.onRow}
        expandable={props.expandable}
        pagination={props.unpaged ? false : serverPagination(list.page, list.pageSize, data?.total, data?.totalCapped, data?.items.length)}
      />
    );
  return (
    <>
      <PageHeader title={props.title} extra={props.extra}>
        {props.header}
      </PageHeader>
      <FilterBar filters={props.filters ?? []} list={list} />
      {props.children}
      {body}
    </>
  );
}
