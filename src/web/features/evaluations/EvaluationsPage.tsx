import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EVALUATION_STATUSES, EVALUATION_STATUS_LABELS, type EvaluationStatus, type EvaluationSummary } from '../../../shared/contracts/evaluations';
import { EVALUATION_GRADES, EVALUATION_GRADE_LABELS, type EvaluationGrade } from '../../../shared/rules/purchase';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { formatDateTime } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { countyFilter } from '../regions/RegionSelects';
import { yearFilter } from '../procurements/purchaseFields';
import { toYear, useCountyScope } from '../reports/fields';
import { CreateEvaluationModal } from './CreateEvaluationModal';
import { EvaluationStatusTag, GradeTag, points } from './evaluationLabels';
import { useEvaluations, type EvaluationListQuery } from './evaluations.api';

const t = m.reports.evaluations;
const c = m.reports.common;
const KEYS = ['year', 'countyCode', 'grade', 'status'] as const;
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
  const list = useListState(KEYS);
  const { url, page, pageSize } = list;
  const { isCity } = useCountyScope();
  const canCreate = usePermission('contract:grade');
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  const year = toYear(url.year, undefined);
  const grade = oneOf(EVALUATION_GRADES, url.grade);
  const status = oneOf(EVALUATION_STATUSES, url.status);
  const countyCode = isCity ? url.countyCode : undefined;
  const query: EvaluationListQuery = useMemo(
    () => ({ year, countyCode, grade, status, page, pageSize }),
    [year, countyCode, grade, status, page, pageSize],
  );
  const result = useEvaluations(query);

  const columns: TableProps<EvaluationSummary>['columns'] = [
    {
      title: t.contract,
      key: 'contract',
      width: 280,
      fixed: 'start',
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
      <ListPage<EvaluationSummary>
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
        list={list}
        filters={[
          yearFilter(c.year),
          isCity && countyFilter(c.county),
          { type: 'select', key: 'grade', label: t.grade, options: gradeOptions },
          { type: 'select', key: 'status', label: c.status, options: statusOptions },
        ]}
        result={result}
        columns={columns}
        scrollX={1220}
        empty={t.empty}
        cardsTestId="evaluation-cards"
        card={(e) => (
          <ListCard
            title={<Link to={`/evaluations/${e.id}`}>{e.contractTitle}</Link>}
            tag={e.grade ? <GradeTag grade={e.grade} /> : <EvaluationStatusTag status={e.status} />}
            meta={`${c.yearOption(e.year)} · ${e.countyShortName} · ${e.orgName}`}
          >
            <Flex gap={12} align="center">
              <span>
                {t.total}：{points(e.total)}
              </span>
              <ProgressCell e={e} />
            </Flex>
          </ListCard>
        )}
      />
      {creating ? <CreateEvaluationModal year={year} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
