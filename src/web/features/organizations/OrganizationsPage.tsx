import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Input, Pagination, Row, Select, Table, Typography, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { exportOrganizations, type Organization } from '../../../shared/contracts/organizations';
import {
  ORG_KINDS,
  ORG_KIND_LABELS,
  ORG_STATUSES,
  ORG_STATUS_LABELS,
  type OrgKind,
  type OrgStatus,
} from '../../../shared/rules/organizations';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { apiUrl } from '../../lib/api';
import { orDash } from '../../lib/format';
import { PermissionGate } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { CreateOrganizationModal } from './CreateOrganizationModal';
import { OrgStatusTag } from './orgLabels';
import { useOrganizations, type OrgListQuery } from './organizations.api';
import { serverPagination } from '../../lib/paging';

const t = m.staffing.orgs;
const FILTER_KEYS = ['q', 'status', 'kind', 'page', 'pageSize'] as const;

const isStatus = (v: string | undefined): v is OrgStatus => (ORG_STATUSES as readonly string[]).includes(v ?? '');
const isKind = (v: string | undefined): v is OrgKind => (ORG_KINDS as readonly string[]).includes(v ?? '');

const statusOptions = ORG_STATUSES.map((s) => ({ value: s, label: ORG_STATUS_LABELS[s] }));
const kindOptions = ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }));

/** On a phone: one card per organisation. */
function OrgCards(props: {
  items: Organization[];
  loading: boolean;
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  if (!props.loading && props.items.length === 0) return <Empty description={t.empty} />;
  return (
    <Flex vertical gap={12} data-testid="org-cards">
      {props.items.map((o) => (
        <Card key={o.id} size="small" loading={props.loading}>
          <Flex justify="space-between" align="start" gap={8}>
            <Link to={`/organizations/${o.id}`} style={{ fontWeight: 600 }}>
              {o.name}
            </Link>
            <OrgStatusTag status={o.status} />
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, wordBreak: 'break-all' }}>
            {o.creditCode} · {ORG_KIND_LABELS[o.kind]}
          </Typography.Text>
          <div style={{ marginTop: 4 }}>
            {t.stationsRun} {t.countUnit(o.stationsRun, t.stationsUnit)} · {t.workersOnPost}{' '}
            {t.countUnit(o.workersOnPost, t.workersUnit)}
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

export default function OrganizationsPage() {
  const [url, setUrl] = useUrlState(FILTER_KEYS);
  const isMobile = useIsMobile();
  const [creating, setCreating] = useState(false);
  const [keyword, setKeyword] = useState(url.q ?? '');
  useEffect(() => setKeyword(url.q ?? ''), [url.q]);

  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const status = isStatus(url.status) ? url.status : undefined;
  const kind = isKind(url.kind) ? url.kind : undefined;
  const query: OrgListQuery = useMemo(
    () => ({ q: url.q, status, kind, page, pageSize }),
    [url.q, status, kind, page, pageSize],
  );
  const { data, isPending, isFetching, error, refetch } = useOrganizations(query);
  const exportHref = apiUrl(exportOrganizations, { query: { q: url.q, status, kind } });

  const columns: TableProps<Organization>['columns'] = [
    {
      title: t.name,
      dataIndex: 'name',
      key: 'name',
      width: 230,
      render: (name: string, row) => <Link to={`/organizations/${row.id}`}>{name}</Link>,
    },
    { title: t.creditCode, dataIndex: 'creditCode', key: 'creditCode', width: 180 },
    { title: t.kind, dataIndex: 'kind', key: 'kind', width: 140, render: (k: OrgKind) => ORG_KIND_LABELS[k] },
    { title: t.status, dataIndex: 'status', key: 'status', width: 70, render: (s: OrgStatus) => <OrgStatusTag status={s} /> },
    { title: t.stationsRun, dataIndex: 'stationsRun', key: 'stationsRun', width: 100, align: 'right' },
    { title: t.workersOnPost, dataIndex: 'workersOnPost', key: 'workersOnPost', width: 90, align: 'right' },
    { title: t.contactName, dataIndex: 'contactName', key: 'contactName', width: 90, render: (v: string) => orDash(v) },
    { title: t.contactPhone, dataIndex: 'contactPhone', key: 'contactPhone', width: 130, render: (v: string) => orDash(v) },
  ];

  return (
    <>
      <PageHeader
        title={t.listTitle}
        extra={
          <>
            <Button icon={<DownloadOutlined aria-hidden />} href={exportHref} download>
              {t.export}
            </Button>
            <PermissionGate permission="org:create">
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t.create}
              </Button>
            </PermissionGate>
          </>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={10}>
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
        <Col xs={12} md={6}>
          <Select<OrgStatus>
            aria-label={t.status}
            placeholder={t.status}
            allowClear
            style={{ width: '100%' }}
            options={statusOptions}
            value={status}
            onChange={(v) => setUrl({ status: v, page: undefined })}
          />
        </Col>
        <Col xs={12} md={8}>
          <Select<OrgKind>
            aria-label={t.kind}
            placeholder={t.kind}
            allowClear
            style={{ width: '100%' }}
            options={kindOptions}
            value={kind}
            onChange={(v) => setUrl({ kind: v, page: undefined })}
          />
        </Col>
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        <OrgCards
          items={data?.items ?? []}
          loading={isPending}
          total={data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(p) => setUrl({ page: p })}
        />
      ) : (
        <Table<Organization>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isPending || isFetching}
          scroll={{ x: 1030 }}
          locale={{ emptyText: <Empty description={t.empty} /> }}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          pagination={serverPagination(page, pageSize, data?.total)}
        />
      )}
      {creating ? <CreateOrganizationModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
