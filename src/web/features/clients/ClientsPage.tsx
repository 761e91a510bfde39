import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Col, Empty, Input, Row, Select, Table, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ClientListItem } from '../../../shared/contracts/clients';
import {
  CLIENT_STATUSES,
  CLIENT_STATUS_LABELS,
  RISK_LEVELS,
  RISK_LEVEL_LABELS,
  TARGET_GROUPS,
  type ClientStatus,
  type RiskLevel,
  type TargetGroup,
} from '../../../shared/rules/clients';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { useReportError } from '../../lib/errors';
import { PermissionGate } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { ClientCards } from './ClientCards';
import { ClientStatusTag, NoAccess, RiskTag, TARGET_GROUP_OPTIONS, TargetGroupTags } from './clientLabels';
import { useClients, useExportClients, useOwnStation, useStationOptions, useVillages, type ClientListQuery } from './clients.api';
import { serverPagination } from '../../lib/paging';

const t = m.daily.clients;
const SORTS = ['-createdAt', 'name', 'riskLevel'] as const;
type ClientSort = (typeof SORTS)[number];
const FILTER_KEYS = ['q', 'targetGroup', 'stationId', 'villageCode', 'riskLevel', 'status', 'mine', 'sort', 'page', 'pageSize'] as const;

const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined =>
  (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

export default function ClientsPage() {
  const [url, setUrl] = useUrlState(FILTER_KEYS);
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [keyword, setKeyword] = useState(url.q ?? '');
  useEffect(() => setKeyword(url.q ?? ''), [url.q]);

  const own = useOwnStation();
  const stations = useStationOptions(!own.isStationWorker);
  const townCode = own.isStationWorker
    ? own.station?.townCode
    : stations.data?.items.find((s) => s.id === url.stationId)?.townCode;
  const villages = useVillages(townCode);

  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const sort = oneOf(SORTS, url.sort) ?? '-createdAt';
  const targetGroup = oneOf(TARGET_GROUPS, url.targetGroup);
  const riskLevel = oneOf(RISK_LEVELS, url.riskLevel);
  const status = oneOf(CLIENT_STATUSES, url.status);
  // 我的服务对象 is a station worker's view: clients with their own cases or records.
  const mine = own.isStationWorker && url.mine === 'true' ? 'true' : undefined;
  const query: ClientListQuery = useMemo(
    () => ({
      q: url.q, stationId: own.isStationWorker ? undefined : url.stationId, villageCode: url.villageCode,
      targetGroup, riskLevel, status, mine, sort, page, pageSize,
    }),
    [url.q, url.stationId, url.villageCode, own.isStationWorker, targetGroup, riskLevel, status, mine, sort, page, pageSize],
  );
  const { data, isPending, isFetching, error, refetch } = useClients(query);

  const exporter = useExportClients();
  const report = useReportError();
  const { message } = App.useApp();
  const onExport = () => {
    const { page: _p, pageSize: _s, ...filter } = query;
    exporter.mutate(filter, { onSuccess: () => message.success(t.exported), onError: (e) => report(e) });
  };

  const showStation = !own.isStationWorker;
  const columns: TableProps<ClientListItem>['columns'] = [
    {
      title: t.name, dataIndex: 'name', key: 'name', width: 110, fixed: isMobile ? undefined : 'start',
      render: (name: string, row) => <Link to={`/clients/${row.id}`}>{name}</Link>,
    },
    {
      title: t.idNumber, dataIndex: 'idNumberMasked', key: 'idNumber', width: 190,
      render: (v: string | null) => (v === null ? <NoAccess /> : <span style={{ fontFamily: 'monospace' }}>{v}</span>),
    },
    { title: t.sexAge, key: 'sexAge', width: 90, render: (_, c) => `${t.sex[c.sex]} ${t.age(c.age)}` },
    ...(showStation ? [{ title: t.station, dataIndex: 'stationName', key: 'station', width: 200, ellipsis: true }] : []),
    { title: t.village, dataIndex: 'villageName', key: 'village', width: 130 },
    { title: t.targetGroups, dataIndex: 'targetGroups', key: 'targetGroups', render: (g: TargetGroup[]) => <TargetGroupTags groups={g} /> },
    { title: t.risk, dataIndex: 'riskLevel', key: 'risk', width: 90, render: (r: RiskLevel) => <RiskTag risk={r} /> },
    { title: t.status, dataIndex: 'status', key: 'status', width: 80, render: (s: ClientStatus) => <ClientStatusTag status={s} /> },
  ];

  const filters = (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col xs={24} md={12} lg={8} xl={6}>
        <Input.Search
          aria-label={t.keywordLabel}
          placeholder={t.keyword}
          allowClear
          enterButton={m.common.search}
          value={keyword}
          onChange={(e) => setKeyword(e.target.value)}
          onSearch={(v) => setUrl({ q: v.trim(), page: undefined })}
        />
      </Col>
      <Col xs={12} md={6} lg={4} xl={3}>
        <Select<TargetGroup>
          aria-label={t.targetGroup}
          placeholder={t.targetGroup}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
          options={TARGET_GROUP_OPTIONS}
          value={targetGroup}
          onChange={(v) => setUrl({ targetGroup: v, page: undefined })}
        />
      </Col>
      {showStation ? (
        <Col xs={12} md={6} lg={4} xl={4}>
          <Select<string>
            aria-label={t.station}
            placeholder={t.station}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%' }}
            loading={stations.isPending}
            options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={url.stationId}
            onChange={(v) => setUrl({ stationId: v, villageCode: undefined, page: undefined })}
          />
        </Col>
      ) : null}
      <Col xs={12} md={6} lg={4} xl={3}>
        <Select<string>
          aria-label={t.village}
          placeholder={townCode ? t.village : t.villageNeedsStation}
          allowClear
          disabled={!townCode}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
          loading={villages.isFetching}
          options={(villages.data ?? []).map((v) => ({ value: v.code, label: v.name }))}
          value={url.villageCode}
          onChange={(v) => setUrl({ villageCode: v, page: undefined })}
        />
      </Col>
      <Col xs={12} md={6} lg={4} xl={2}>
        <Select<RiskLevel>
          aria-label={t.risk}
          placeholder={t.riskShort}
          allowClear
          style={{ width: '100%' }}
          options={RISK_LEVELS.map((r) => ({ value: r, label: RISK_LEVEL_LABELS[r] }))}
          value={riskLevel}
          onChange={(v) => setUrl({ riskLevel: v, page: undefined })}
        />
      </Col>
      <Col xs={12} md={6} lg={4} xl={2}>
        <Select<ClientStatus>
          aria-label={t.status}
          placeholder={t.status}
          allowClear
          style={{ width: '100%' }}
          options={CLIENT_STATUSES.map((s) => ({ value: s, label: CLIENT_STATUS_LABELS[s] }))}
          value={status}
          onChange={(v) => setUrl({ status: v, page: undefined })}
        />
      </Col>
      <Col xs={12} md={6} lg={4} xl={4}>
        <Select<ClientSort>
          aria-label={t.sort}
          style={{ width: '100%' }}
          options={SORTS.map((s) => ({ value: s, label: t.sorts[s] ?? s }))}
          value={sort}
          onChange={(v) => setUrl({ sort: v === '-createdAt' ? undefined : v, page: undefined })}
        />
      </Col>
      {own.isStationWorker ? (
        <Col xs={24} md={6} lg={4} xl={4} style={{ display: 'flex', alignItems: 'center' }}>
          <Checkbox checked={mine === 'true'} onChange={(e) => setUrl({ mine: e.target.checked ? 'true' : undefined, page: undefined })}>
            {t.mine}
          </Checkbox>
        </Col>
      ) : null}
    </Row>
  );

  return (
    <>
      <PageHeader
        title={t.listTitle}
        extra={
          <>
            <PermissionGate permission="client:export">
              <Button icon={<DownloadOutlined aria-hidden />} loading={exporter.isPending} onClick={onExport}>
                {t.export}
              </Button>
            </PermissionGate>
            <PermissionGate permission="client:write">
              <Button icon={<UploadOutlined aria-hidden />} onClick={() => void navigate('/clients/import')}>
                {t.import}
              </Button>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/clients/new')}>
                {t.create}
              </Button>
            </PermissionGate>
          </>
        }
      />
      {filters}
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        <ClientCards
          items={data?.items ?? []}
          loading={isPending}
          total={data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(p) => setUrl({ page: p })}
          showStation={showStation}
        />
      ) : (
        <Table<ClientListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isPending || isFetching}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty description={t.empty} /> }}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          pagination={serverPagination(page, pageSize, data?.total, data?.totalCapped)}
        />
      )}
    </>
  );
}
