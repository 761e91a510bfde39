import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { STATION_SORTS, type StationListItem } from '../../../shared/contracts/stations';
import { STATION_STATUSES, STATION_STATUS_LABELS, VENUE_TYPE_LABELS, type StationStatus } from '../../../shared/rules/station-venue';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { CreateButton } from '../../components/CreateButton';
import { useReportError } from '../../lib/errors';
import { orDash } from '../../lib/format';
import { PermissionGate } from '../../lib/permissions';
import { m } from '../../i18n';
import { countyFilter } from '../regions/RegionSelects';
import { CreateStationModal } from './CreateStationModal';
import { StationStatusTag } from './stationLabels';
import { useExportStations, useStations, type StationListQuery } from './stations.api';

type StationSort = (typeof STATION_SORTS)[number];
const FILTER_KEYS = ['countyCode', 'status', 'q', 'sort'] as const;

const statusOptions = STATION_STATUSES.map((s) => ({ value: s, label: STATION_STATUS_LABELS[s] }));
const sortOptions = STATION_SORTS.map((s) => ({ value: s, label: m.stations.sorts[s] }));

export default function StationsPage() {
  const list = useListState(FILTER_KEYS);
  const { url, page, pageSize } = list;
  const [creating, setCreating] = useState(false);

  const sort: StationSort = oneOf(STATION_SORTS, url.sort) ?? 'code';
  const status = oneOf(STATION_STATUSES, url.status);
  const query: StationListQuery = useMemo(
    () => ({ countyCode: url.countyCode, status, q: url.q, sort, page, pageSize }),
    [url.countyCode, status, url.q, sort, page, pageSize],
  );
  const result = useStations(query);

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
      width: 260,
      fixed: 'start',
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
      render: (d: string | null) => orDash(d),
    },
    {
      title: m.stations.operatorOrg,
      dataIndex: 'operatorOrgName',
      key: 'operatorOrg',
      render: (o: string | null) => o ?? <Typography.Text type="danger">{m.stations.noOperator}</Typography.Text>,
    },
  ];

  return (
    <>
      <ListPage<StationListItem>
        title={m.stations.listTitle}
        extra={
          <>
            <PermissionGate permission="station:export">
              <Button icon={<DownloadOutlined aria-hidden />} loading={exporter.isPending} onClick={onExport}>
                {m.stations.export}
              </Button>
            </PermissionGate>
            <CreateButton permission="station:create" label={m.stations.create} onClick={() => setCreating(true)} />
          </>
        }
        list={list}
        filters={[
          { ...countyFilter(m.stations.county), span: { xs: 12, md: 6, lg: 5 } },
          { type: 'select', key: 'status', label: m.stations.status, options: statusOptions, span: { xs: 12, md: 5, lg: 4 } },
          { type: 'search', key: 'q', label: m.stations.keyword, placeholder: m.stations.keywordPlaceholder, span: { xs: 24, md: 8, lg: 9 } },
          { type: 'select', key: 'sort', label: m.stations.sort, options: sortOptions, fallback: 'code', span: { xs: 24, md: 5, lg: 6 } },
        ]}
        result={result}
        columns={columns}
        sort={{ value: sort, fallback: 'code', allowed: STATION_SORTS }}
        scrollX={1100}
        empty={m.stations.empty}
        cardsTestId="station-cards"
        card={(st) => (
          <ListCard
            title={<Link to={`/stations/${st.id}`}>{st.name}</Link>}
            tag={<StationStatusTag status={st.status} />}
            meta={`${st.countyShortName} · ${st.townName} · ${VENUE_TYPE_LABELS[st.venueType]}`}
          >
            {orDash(st.address)}
          </ListCard>
        )}
      />
      {creating ? <CreateStationModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
