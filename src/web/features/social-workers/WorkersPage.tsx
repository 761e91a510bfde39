import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Input, Pagination, Row, Select, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { exportWorkers, type WorkerListItem } from '../../../shared/contracts/social-workers';
import { EDUCATION_LABELS, type EducationLevel } from '../../../shared/rules/staffing';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { apiUrl } from '../../lib/api';
import { orDash } from '../../lib/format';
import { PermissionGate } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { CountySelect } from '../regions/RegionSelects';
import { CreateWorkerModal } from './CreateWorkerModal';
import { useWorkers, type WorkerListQuery } from './social-workers.api';
import { Masked, QualificationTag } from './workerLabels';
import { serverPagination } from '../../lib/paging';

const t = m.staffing.workers;
const FILTER_KEYS = ['q', 'countyCode', 'onPost', 'orgId', 'stationId', 'sort', 'page', 'pageSize'] as const;
const SORTS = ['-createdAt', 'createdAt', 'name', 'birthDate', '-birthDate'] as const;
type WorkerSort = (typeof SORTS)[number];
type OnPost = 'yes' | 'no';

const isSort = (v: string | undefined): v is WorkerSort => (SORTS as readonly string[]).includes(v ?? '');
const isOnPost = (v: string | undefined): v is OnPost => v === 'yes' || v === 'no';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrNothing = (v: string | undefined) => (v && UUID.test(v) ? v : undefined);

const sortOptions = SORTS.map((s) => ({ value: s, label: t.sorts[s] }));
const onPostOptions = [
  { value: 'yes', label: t.onPostYes },
  { value: 'no', label: t.onPostNo },
];

function StationCell({ worker }: { worker: WorkerListItem }) {
  const p = worker.currentPosting;
  if (!p) return <Typography.Text type="secondary">{t.notPosted}</Typography.Text>;
  return <Link to={`/stations/${p.stationId}`}>{p.stationName}</Link>;
}

/** On a phone: one card per worker, the name as the link. */
function WorkerCards(props: {
  items: WorkerListItem[];
  loading: boolean;
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  if (!props.loading && props.items.length === 0) return <Empty description={t.empty} />;
  return (
    <Flex vertical gap={12} data-testid="worker-cards">
      {props.items.map((w) => (
        <Card key={w.id} size="small" loading={props.loading}>
          <Flex justify="space-between" align="start" gap={8}>
            <Link to={`/social-workers/${w.id}`} style={{ fontWeight: 600 }}>
              {w.name}
            </Link>
            <Masked value={w.idNumberMasked} />
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {t.ageValue(w.age)} · {EDUCATION_LABELS[w.education]} · {orDash(w.orgName)}
          </Typography.Text>
          <div style={{ marginTop: 4 }}>
            <StationCell worker={w} />
          </div>
          <div style={{ marginTop: 4 }}>
            <QualificationTag qualifiedBy={w.qualifiedBy} />
          </div>
        </Card>
      ))}
      {props.loading && props.items.length === 0 ? <Card size="small" loading /> : null}
      <Pagination simple align="center" current={props.page} pageSize={props.pageSize} total={props.total} onChange={props.onPage} />
      <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
        {m.common.total(props.total)}
      </Typography.Text>
    </Flex>
  );
}

export default function WorkersPage() {
  const [url, setUrl] = useUrlState(FILTER_KEYS);
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [keyword, setKeyword] = useState(url.q ?? '');
  useEffect(() => setKeyword(url.q ?? ''), [url.q]);

  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const sort: WorkerSort = isSort(url.sort) ? url.sort : '-createdAt';
  const onPost = isOnPost(url.onPost) ? url.onPost : undefined;
  const orgId = uuidOrNothing(url.orgId);
  const stationId = uuidOrNothing(url.stationId);
  const filter = useMemo(
    () => ({ q: url.q, countyCode: url.countyCode, onPost, orgId, stationId, sort }),
    [url.q, url.countyCode, onPost, orgId, stationId, sort],
  );
  const query: WorkerListQuery = useMemo(() => ({ ...filter, page, pageSize }), [filter, page, pageSize]);
  const { data, isPending, isFetching, error, refetch } = useWorkers(query);
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
      <PageHeader
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
            <PermissionGate permission="worker:write">
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t.create}
              </Button>
            </PermissionGate>
          </>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Input.Search
            aria-label={t.keyword}
            placeholder={t.keyword}
            allowClear
            enterButton={m.common.search}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(v) => setUrl({ q: v.trim(), page: undefined })}
          />
        </Col>
        <Col xs={12} md={5}>
          <CountySelect
            aria-label={t.county}
            placeholder={t.county}
            allowClear
            style={{ width: '100%' }}
            value={url.countyCode}
            onChange={(v) => setUrl({ countyCode: v, page: undefined })}
          />
        </Col>
        <Col xs={12} md={4}>
          <Select<OnPost>
            aria-label={t.onPost}
            placeholder={t.onPost}
            allowClear
            style={{ width: '100%' }}
            options={onPostOptions}
            value={onPost}
            onChange={(v) => setUrl({ onPost: v, page: undefined })}
          />
        </Col>
        <Col xs={24} md={7}>
          <Select<WorkerSort>
            aria-label={t.sort}
            style={{ width: '100%' }}
            options={sortOptions}
            value={sort}
            onChange={(v) => setUrl({ sort: v === '-createdAt' ? undefined : v, page: undefined })}
          />
        </Col>
      </Row>
      {orgId || stationId ? (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          {orgId ? (
            <Tag closable onClose={() => setUrl({ orgId: undefined, page: undefined })}>
              {t.filteredByOrg}
            </Tag>
          ) : null}
          {stationId ? (
            <Tag closable onClose={() => setUrl({ stationId: undefined, page: undefined })}>
              {t.filteredByStation}
            </Tag>
          ) : null}
        </Flex>
      ) : null}
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        <WorkerCards
          items={data?.items ?? []}
          loading={isPending}
          total={data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(p) => setUrl({ page: p })}
        />
      ) : (
        <Table<WorkerListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isPending || isFetching}
          scroll={{ x: 1190 }}
          locale={{ emptyText: <Empty description={t.empty} /> }}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          pagination={serverPagination(page, pageSize, data?.total)}
        />
      )}
      {creating ? <CreateWorkerModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
