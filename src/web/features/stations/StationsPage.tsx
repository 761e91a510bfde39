import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Empty, Input, Row, Select, Table, Typography, type TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { STATION_SORTS, type StationListItem } from '../../../shared/contracts/stations';
import { STATION_STATUSES, STATION_STATUS_LABELS, VENUE_TYPE_LABELS, type StationStatus } from '../../../shared/rules/station-venue';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { useReportError } from '../../lib/errors';
import { orDash } from '../../lib/format';
import { PermissionGate } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { CountySelect } from '../regions/RegionSelects';
import { CreateStationModal } from './CreateStationModal';
import { StationCards } from './StationCards';
import { StationStatusTag } from './stationLabels';
import { useExportStations, useStations, type StationListQuery } from './stations.api';

type StationSort = (typeof STATION_SORTS)[number];
const FILTER_KEYS = ['countyCode', 'status', 'q', 'sort', 'page', 'pageSize'] as const;

function isSort(v: string | undefined): v is StationSort {
  return (STATION_SORTS as readonly string[]).includes(v ?? '');
}
function isStatus(v: string | undefined): v is StationStatus {
  return (STATION_STATUSES as readonly string[]).includes(v ?? '');
}

/** Table header sort state ↔ the API's sort values ('-openedOn' is descending). */
function orderOf(sort: StationSort, column: string): SortOrder {
  if (sort === column) return 'ascend';
  if (sort === `-${column}`) return 'descend';
  return null;
}
function sortOf(column: unknown, order: SortOrder | undefined): StationSort {
  if (typeof column !== 'string' || !order) return 'code';
  const candidate = order === 'descend' ? `-${column}` : column;
  return isSort(candidate) ? candidate : 'code';
}

const statusOptions = STATION_STATUSES.map((s) => ({ value: s, label: STATION_STATUS_LABELS[s] }));
const sortOptions = STATION_SORTS.map((s) => ({ value: s, label: m.stations.sorts[s] }));

export default function StationsPage() {
  const [url, setUrl] = useUrlState(FILTER_KEYS);
  const isMobile = useIsMobile();
  const [creating, setCreating] = useState(false);
  const [keyword, setKeyword] = useState(url.q ?? '');
  // Back/forward changes the URL under the search box: follow it.
  useEffect(() => setKeyword(url.q ?? ''), [url.q]);

  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const sort: StationSort = isSort(url.sort) ? url.sort : 'code';
  const status = isStatus(url.status) ? url.status : undefined;
  const query: StationListQuery = useMemo(
    () => ({ countyCode: url.countyCode, status, q: url.q, sort, page, pageSize }),
    [url.countyCode, status, url.q, sort, page, pageSize],
  );
  const { data, isPending, isFetching, error, refetch } = useStations(query);

  const exporter = useExportStations();
  const report = useReportError();
  const { message } = App.useApp();
  const onExport = () =>
    exporter.mutate(
      { countyCode: url.countyCode, status, q: url.q, sort },
      { onSuccess: () => message.success(m.stations.exported), onError: (e) => report(e) },
    );

  const columns: TableProps<StationListItem>['columns'] = [
    {
      title: m.stations.name,
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: orderOf(sort, 'name'),
      width: 260,
      render: (name: string, row) => <Link to={`/stations/${row.id}`}>{name}</Link>,
    },
    { title: m.stations.county, dataIndex: 'countyShortName', key: 'county', width: 90 },
    { title: m.stations.town, dataIndex: 'townName', key: 'town', width: 120 },
    {
      title: m.stations.status,
      dataIndex: 'status',
      key: 'status',
      width: 88,
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: orderOf(sort, 'status'),
      render: (s: StationStatus) => <StationStatusTag status={s} />,
    },
    {
      title: m.stations.venueType,
      dataIndex: 'venueType',
      key: 'venueType',
      render: (v: StationListItem['venueType']) => VENUE_TYPE_LABELS[v],
    },
    { title: m.stations.address, dataIndex: 'address', key: 'address', ellipsis: true },
    {
      title: m.stations.openedOn,
      dataIndex: 'openedOn',
      key: 'openedOn',
      width: 120,
      sorter: true,
      sortOrder: orderOf(sort, 'openedOn'),
      render: (d: string | null) => orDash(d),
    },
    {
      title: m.stations.operatorOrg,
      dataIndex: 'operatorOrgName',
      key: 'operatorOrg',
      render: (o: string | null) => o ?? <Typography.Text type="danger">{m.stations.noOperator}</Typography.Text>,
    },
  ];

  const onTableChange: TableProps<StationListItem>['onChange'] = (pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const nextSort = sortOf(single?.columnKey, single?.order);
    setUrl({
      sort: nextSort === 'code' ? undefined : nextSort,
      page: nextSort === sort ? pagination.current : 1,
      pageSize: pagination.pageSize,
    });
  };

  const filters = (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col xs={12} md={6} lg={5}>
        <CountySelect
          aria-label={m.stations.county}
          placeholder={m.stations.county}
          allowClear
          style={{ width: '100%' }}
          value={url.countyCode}
          onChange={(v) => setUrl({ countyCode: v, page: undefined })}
        />
      </Col>
      <Col xs={12} md={5} lg={4}>
        <Select<StationStatus>
          aria-label={m.stations.status}
          placeholder={m.stations.status}
          allowClear
          style={{ width: '100%' }}
          options={statusOptions}
          value={status}
          onChange={(v) => setUrl({ status: v, page: undefined })}
        />
      </Col>
      <Col xs={24} md={8} lg={9}>
        <Input.Search
          aria-label={m.stations.keyword}
          placeholder={m.stations.keywordPlaceholder}
          allowClear
          enterButton={m.common.search}
          value={keyword}
          onChange={(e) => setKeyword(e.target.value)}
          onSearch={(v) => setUrl({ q: v.trim(), page: undefined })}
        />
      </Col>
      <Col xs={24} md={5} lg={6}>
        <Select<StationSort>
          aria-label={m.stations.sort}
          style={{ width: '100%' }}
          options={sortOptions}
          value={sort}
          onChange={(v) => setUrl({ sort: v === 'code' ? undefined : v, page: undefined })}
        />
      </Col>
    </Row>
  );

  return (
    <>
      <PageHeader
        title={m.stations.listTitle}
        extra={
          <>
            <PermissionGate permission="station:export">
              <Button icon={<DownloadOutlined aria-hidden />} loading={exporter.isPending} onClick={onExport}>
                {m.stations.export}
              </Button>
            </PermissionGate>
            <PermissionGate permission="station:create">
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {m.stations.create}
              </Button>
            </PermissionGate>
          </>
        }
      />
      {filters}
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        <StationCards
          items={data?.items ?? []}
          loading={isPending}
          total={data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(page) => setUrl({ page })}
        />
      ) : (
        <Table<StationListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isPending || isFetching}
          onChange={onTableChange}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description={m.stations.empty} /> }}
          pagination={{
            current: page,
            pageSize: pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => m.common.total(n),
          }}
        />
      )}
      {creating ? <CreateStationModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
