import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, type TableProps } from 'antd';
import { useMemo } from 'react';
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
import { ListPage, oneOf, useListState } from '../../components/ListPage';
import { useReportError } from '../../lib/errors';
import { PermissionGate } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { ClientCard } from './ClientCards';
import { ClientStatusTag, NoAccess, RiskTag, TARGET_GROUP_OPTIONS, TargetGroupTags } from './clientLabels';
import { useClients, useExportClients, useOwnStation, useStationOptions, useVillages, type ClientListQuery } from './clients.api';

const t = m.daily.clients;
const SORTS = ['-createdAt', 'name', 'riskLevel'] as const;
type ClientSort = (typeof SORTS)[number];
const FILTER_KEYS = ['q', 'targetGroup', 'stationId', 'villageCode', 'riskLevel', 'status', 'mine', 'sort'] as const;
const riskOptions = RISK_LEVELS.map((r) => ({ value: r, label: RISK_LEVEL_LABELS[r] }));
const statusOptions = CLIENT_STATUSES.map((s) => ({ value: s, label: CLIENT_STATUS_LABELS[s] }));
const sortOptions = SORTS.map((s) => ({ value: s, label: t.sorts[s] ?? s }));

export default function ClientsPage() {
  const list = useListState(FILTER_KEYS);
  const { url, page, pageSize } = list;
  const isMobile = useIsMobile();
  const navigate = useNavigate();

  const own = useOwnStation();
  const stations = useStationOptions(!own.isStationWorker);
  const townCode = own.isStationWorker
    ? own.station?.townCode
    : stations.data?.items.find((s) => s.id === url.stationId)?.townCode;
  const villages = useVillages(townCode);

  const sort = oneOf(SORTS, url.sort) ?? '-createdAt';
  const byRelevance = !!url.q && !/^[0-9Xx]{1,4}$/.test(url.q.trim());
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
  const result = useClients(query);

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

  return (
    <ListPage<ClientListItem>
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
      list={list}
      filters={[
        { type: 'search', key: 'q', label: t.keywordLabel, placeholder: t.keyword, span: { xs: 24, md: 12, lg: 8, xl: 6 } },
        { type: 'select', key: 'targetGroup', label: t.targetGroup, options: TARGET_GROUP_OPTIONS, showSearch: true, span: { xs: 12, md: 6, lg: 4, xl: 3 } },
        showStation && {
          type: 'select',
          key: 'stationId',
          label: t.station,
          showSearch: true,
          loading: stations.isPending,
          options: (stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
          clears: ['villageCode'],
          span: { xs: 12, md: 6, lg: 4, xl: 4 },
        },
        {
          type: 'select',
          key: 'villageCode',
          label: t.village,
          placeholder: townCode ? t.village : t.villageNeedsStation,
          disabled: !townCode,
          showSearch: true,
          loading: villages.isFetching,
          options: (villages.data ?? []).map((v) => ({ value: v.code, label: v.name })),
          span: { xs: 12, md: 6, lg: 4, xl: 3 },
        },
        { type: 'select', key: 'riskLevel', label: t.risk, placeholder: t.riskShort, options: riskOptions, span: { xs: 12, md: 6, lg: 4, xl: 2 } },
        { type: 'select', key: 'status', label: t.status, options: statusOptions, span: { xs: 12, md: 6, lg: 4, xl: 2 } },
        // A name search is ordered by relevance on the server, whatever the sort says.
        byRelevance
          ? { type: 'select', key: 'sort', label: t.sort, options: [], placeholder: t.sortRelevance, disabled: true, span: { xs: 12, md: 6, lg: 4, xl: 4 } }
          : { type: 'select', key: 'sort', label: t.sort, options: sortOptions, fallback: '-createdAt', span: { xs: 12, md: 6, lg: 4, xl: 4 } },
        own.isStationWorker && { type: 'check', key: 'mine', label: t.mine, span: { xs: 24, md: 6, lg: 4, xl: 4 } },
      ]}
      result={result}
      columns={columns}
      scrollX={1000}
      empty={t.empty}
      cardsTestId="client-cards"
      card={(c) => <ClientCard client={c} showStation={showStation} />}
    />
  );
}
