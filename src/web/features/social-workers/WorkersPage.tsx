import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { exportWorkers, type WorkerListItem } from '../../../shared/contracts/social-workers';
import { EDUCATION_LABELS, type EducationLevel } from '../../../shared/rules/staffing';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { CreateButton } from '../../components/CreateButton';
import { apiUrl } from '../../lib/api';
import { orDash } from '../../lib/format';
import { PermissionGate } from '../../lib/permissions';
import { m } from '../../i18n';
import { countyFilter } from '../regions/RegionSelects';
import { CreateWorkerModal } from './CreateWorkerModal';
import { useWorkers, type WorkerListQuery } from './social-workers.api';
import { Masked, QualificationTag } from './workerLabels';

const t = m.staffing.workers;
const FILTER_KEYS = ['q', 'countyCode', 'onPost', 'orgId', 'stationId', 'sort'] as const;
const SORTS = ['-createdAt', 'createdAt', 'name', 'birthDate', '-birthDate'] as const;
type WorkerSort = (typeof SORTS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrNothing = (v: string | undefined) => (v && UUID.test(v) ? v : undefined);

const sortOptions = SORTS.map((s) => ({ value: s, label: t.sorts[s] }));
const onPostOptions: { value: string; label: string }[] = [
  { value: 'yes', label: t.onPostYes },
  { value: 'no', label: t.onPostNo },
];

function StationCell({ worker }: { worker: WorkerListItem }) {
  const p = worker.currentPosting;
  if (!p) return <Typography.Text type="secondary">{t.notPosted}</Typography.Text>;
  return <Link to={`/stations/${p.stationId}`}>{p.stationName}</Link>;
}

export default function WorkersPage() {
  const list = useListState(FILTER_KEYS);
  const { url, setFilter, page, pageSize } = list;
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);

  const sort: WorkerSort = oneOf(SORTS, url.sort) ?? '-createdAt';
  const onPost = oneOf(['yes', 'no'] as const, url.onPost);
  const orgId = uuidOrNothing(url.orgId);
  const stationId = uuidOrNothing(url.stationId);
  const filter = useMemo(
    () => ({ q: url.q, countyCode: url.countyCode, onPost, orgId, stationId, sort }),
    [url.q, url.countyCode, onPost, orgId, stationId, sort],
  );
  const query: WorkerListQuery = useMemo(() => ({ ...filter, page, pageSize }), [filter, page, pageSize]);
  const result = useWorkers(query);
  const exportHref = apiUrl(exportWorkers, { query: filter });

  // The qualification comes before station and organisation: it is what the page is read for.
  const columns: TableProps<WorkerListItem>['columns'] = [
    {
      title: t.name,
      dataIndex: 'name',
      key: 'name',
      width: 90,
      fixed: 'start',
      render: (name: string, w) => <Link to={`/social-workers/${w.id}`}>{name}</Link>,
    },
    {
      title: t.idNumber,
      dataIndex: 'idNumberMasked',
      key: 'idNumber',
      width: 180,
      render: (v: string) => <Masked value={v} />,
    },
    { title: t.age, dataIndex: 'age', key: 'age', width: 60, align: 'right' },
    {
      title: t.education,
      dataIndex: 'education',
      key: 'education',
      width: 80,
      render: (e: EducationLevel) => EDUCATION_LABELS[e],
    },
    {
      title: t.qualification,
      key: 'qualification',
      width: 220,
      render: (_, w) => <QualificationTag qualifiedBy={w.qualifiedBy} />,
    },
    { title: t.currentStation, key: 'station', width: 240, render: (_, w) => <StationCell worker={w} /> },
    { title: t.org, dataIndex: 'orgName', key: 'org', width: 200, ellipsis: true, render: (v: string | null) => orDash(v) },
    { title: t.major, dataIndex: 'major', key: 'major', width: 120, ellipsis: true, render: (v: string) => orDash(v) },
  ];

  return (
    <>
      <ListPage<WorkerListItem>
        title={t.listTitle}
        extra={
          <>
            <PermissionGate permission="worker:export">
              <Tooltip title={t.exportNote}>
                <Button icon={<DownloadOutlined aria-hidden />} href={exportHref} download>
                  {t.export}
                </Button>
              </Tooltip>
            </PermissionGate>
            <PermissionGate permission="worker:import">
              <Button icon={<UploadOutlined aria-hidden />} onClick={() => void navigate('/social-workers/import')}>
                {t.import}
              </Button>
            </PermissionGate>
            <CreateButton permission="worker:write" label={t.create} onClick={() => setCreating(true)} />
          </>
        }
        list={list}
        filters={[
          { type: 'search', key: 'q', label: t.keyword },
          { ...countyFilter(t.county), span: { xs: 12, md: 5 } },
          { type: 'select', key: 'onPost', label: t.onPost, options: onPostOptions },
          { type: 'select', key: 'sort', label: t.sort, options: sortOptions, fallback: '-createdAt', span: { xs: 24, md: 7 } },
        ]}
        result={result}
        columns={columns}
        scrollX={1190}
        empty={t.empty}
        cardsTestId="worker-cards"
        card={(w) => (
          <ListCard title={<Link to={`/social-workers/${w.id}`}>{w.name}</Link>} tag={<Masked value={w.idNumberMasked} />} meta={`${t.ageValue(w.age)} · ${EDUCATION_LABELS[w.education]} · ${orDash(w.orgName)}`}>
            <StationCell worker={w} />
            <div style={{ marginTop: 4 }}>
              <QualificationTag qualifiedBy={w.qualifiedBy} />
            </div>
          </ListCard>
        )}
      >
        {orgId || stationId ? (
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            {orgId ? (
              <Tag closable onClose={() => setFilter({ orgId: undefined })}>
                {t.filteredByOrg}
              </Tag>
            ) : null}
            {stationId ? (
              <Tag closable onClose={() => setFilter({ stationId: undefined })}>
                {t.filteredByStation}
              </Tag>
            ) : null}
          </Flex>
        ) : null}
      </ListPage>
      {creating ? <CreateWorkerModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
