import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Pagination, Progress, Row, Select, Table, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EVALUATION_STATUSES, EVALUATION_STATUS_LABELS, type EvaluationStatus, type EvaluationSummary } from '../../../shared/contracts/evaluations';
import { EVALUATION_GRADES, EVALUATION_GRADE_LABELS, type EvaluationGrade } from '../../../shared/rules/purchase';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { formatDateTime } from '../../lib/format';
import { serverPagination } from '../../lib/paging';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { CountySelect } from '../regions/RegionSelects';
import { toYear, useCountyScope, YearSelect } from '../reports/fields';
import { CreateEvaluationModal } from './CreateEvaluationModal';
import { EvaluationStatusTag, GradeTag, points } from './evaluationLabels';
import { useEvaluations, type EvaluationListQuery } from './evaluations.api';

const t = m.reports.evaluations;
const c = m.reports.common;
const KEYS = ['year', 'countyCode', 'grade', 'status', 'page', 'pageSize'] as const;
const isGrade = (v: string | undefined): v is EvaluationGrade => (EVALUATION_GRADES as readonly string[]).includes(v ?? '');
const isStatus = (v: string | undefined): v is EvaluationStatus => (EVALUATION_STATUSES as readonly string[]).includes(v ?? '');
const gradeOptions = EVALUATION_GRADES.map((g) => ({ value: g, label: EVALUATION_GRADE_LABELS[g] }));
const statusOptions = EVALUATION_STATUSES.map((s) => ({ value: s, label: EVALUATION_STATUS_LABELS[s] }));

function ProgressCell({ e }: { e: EvaluationSummary }) {
  return (
    <Progress
      size="small"
      percent={e.indicators ? Math.round((e.scored / e.indicators) * 100) : 0}
      format={() => t.progressText(e.scored, e.indicators)}
      style={{ minWidth: 100, marginBottom: 0 }}
    />
  );
}

export default function EvaluationsPage() {
  const [url, setUrl] = useUrlState(KEYS);
  const isMobile = useIsMobile();
  const { isCity } = useCountyScope();
  const canCreate = usePermission('contract:grade');
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const year = toYear(url.year, undefined);
  const grade = isGrade(url.grade) ? url.grade : undefined;
  const status = isStatus(url.status) ? url.status : undefined;
  const countyCode = isCity ? url.countyCode : undefined;
  const query: EvaluationListQuery = useMemo(
    () => ({ year, countyCode, grade, status, page, pageSize }),
    [year, countyCode, grade, status, page, pageSize],
  );
  const { data, isPending, isFetching, error, refetch } = useEvaluations(query);
  const items = data?.items ?? [];

  const columns: TableProps<EvaluationSummary>['columns'] = [
    {
      title: t.contract,
      key: 'contract',
      width: 280,
      render: (_: unknown, e) => (
        <>
          <Link to={`/evaluations/${e.id}`}>{e.contractTitle}</Link>
          {e.contractNumber ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {e.contractNumber}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { title: c.year, dataIndex: 'year', key: 'year', width: 80, render: (y: number) => c.yearOption(y) },
    { title: c.county, dataIndex: 'countyShortName', key: 'county', width: 80 },
    { title: t.org, dataIndex: 'orgName', key: 'org', width: 220 },
    { title: c.status, dataIndex: 'status', key: 'status', width: 90, render: (s: EvaluationStatus) => <EvaluationStatusTag status={s} /> },
    { title: t.progress, key: 'progress', width: 140, render: (_: unknown, e) => <ProgressCell e={e} /> },
    { title: t.total, dataIndex: 'total', key: 'total', width: 80, align: 'right', render: (v: number) => points(v) },
    { title: t.grade, dataIndex: 'grade', key: 'grade', width: 80, render: (g: EvaluationGrade | null) => (g ? <GradeTag grade={g} /> : c.none) },
    { title: t.finishedAt, dataIndex: 'finishedAt', key: 'finishedAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : c.none) },
  ];

  return (
    <>
      <PageHeader
        title={t.title}
        extra={
          <>
            <Button
              icon={<SettingOutlined aria-hidden />}
              onClick={() => void navigate(year ? `/evaluations/indicators?year=${year}` : '/evaluations/indicators')}
            >
              {t.indicatorsLink}
            </Button>
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t.create}
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} align="middle">
        <Col xs={12} md={4}>
          <YearSelect aria-label={c.year} placeholder={c.year} allowClear value={year} onChange={(v) => setUrl({ year: v, page: undefined })} />
        </Col>
        {isCity ? (
          <Col xs={12} md={4}>
            <CountySelect
              aria-label={c.county}
              placeholder={c.county}
              allowClear
              style={{ width: '100%' }}
              value={url.countyCode}
              onChange={(v) => setUrl({ countyCode: v, page: undefined })}
            />
          </Col>
        ) : null}
        <Col xs={12} md={4}>
          <Select<EvaluationGrade>
            aria-label={t.grade}
            placeholder={t.grade}
            allowClear
            style={{ width: '100%' }}
            options={gradeOptions}
            value={grade}
            onChange={(v) => setUrl({ grade: v, page: undefined })}
          />
        </Col>
        <Col xs={12} md={4}>
          <Select<EvaluationStatus>
            aria-label={c.status}
            placeholder={c.status}
            allowClear
            style={{ width: '100%' }}
            options={statusOptions}
            value={status}
            onChange={(v) => setUrl({ status: v, page: undefined })}
          />
        </Col>
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        <Flex vertical gap={12} data-testid="evaluation-cards">
          {isPending ? <Card size="small" loading /> : null}
          {!isPending && items.length === 0 ? <Empty description={t.empty} /> : null}
          {items.map((e) => (
            <Card key={e.id} size="small">
              <Flex justify="space-between" align="start" gap={8}>
                <Link to={`/evaluations/${e.id}`} style={{ fontWeight: 600, wordBreak: 'break-word' }}>
                  {e.contractTitle}
                </Link>
                {e.grade ? <GradeTag grade={e.grade} /> : <EvaluationStatusTag status={e.status} />}
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {c.yearOption(e.year)} · {e.countyShortName} · {e.orgName}
              </Typography.Text>
              <Flex gap={12} align="center" style={{ marginTop: 4 }}>
                <span>
                  {t.total}：{points(e.total)}
                </span>
                <ProgressCell e={e} />
              </Flex>
            </Card>
          ))}
          <Pagination simple align="center" current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={(p) => setUrl({ page: p })} />
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {m.common.total(data?.total ?? 0)}
          </Typography.Text>
        </Flex>
      ) : (
        <Table<EvaluationSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={isPending || isFetching}
          scroll={{ x: 1220 }}
          locale={{ emptyText: <Empty description={t.empty} /> }}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          pagination={serverPagination(page, pageSize, data?.total)}
        />
      )}
      {creating ? <CreateEvaluationModal year={year} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
