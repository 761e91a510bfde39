import { Card, Descriptions, Empty, Flex, Table, Typography, type TableProps } from 'antd';
import { Link } from 'react-router';
import type { WorkerListItem } from '../../../shared/contracts/social-workers';
import { STAFF_SOURCE_LABELS } from '../../../shared/rules/staffing';
import { LoadError } from '../../components/PageStates';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { Masked, QualificationTag } from '../social-workers/workerLabels';
import { FindingList } from './FindingList';
import { useStationStaffing } from './compliance.api';
import { MIN_QUALIFIED, StaffingTag } from './StaffingTag';
import { m } from '../../i18n';

const t = m.staffing.compliance;
const tw = m.staffing.workers;

function WorkerName({ worker }: { worker: WorkerListItem }) {
  const canOpen = usePermission('worker:read');
  return canOpen ? <Link to={`/social-workers/${worker.id}`}>{worker.name}</Link> : <span>{worker.name}</span>;
}

const columns: TableProps<WorkerListItem>['columns'] = [
  { title: tw.name, dataIndex: 'name', key: 'name', width: 100, render: (_, w) => <WorkerName worker={w} /> },
  { title: tw.idNumber, dataIndex: 'idNumberMasked', key: 'id', width: 200, render: (v: string) => <Masked value={v} /> },
  { title: tw.age, dataIndex: 'age', key: 'age', width: 60, align: 'right' },
  {
    title: tw.qualification,
    key: 'qualification',
    render: (_, w) => <QualificationTag qualifiedBy={w.qualifiedBy} />,
  },
  {
    title: m.staffing.postings.source,
    key: 'source',
    width: 130,
    render: (_, w) => (w.currentPosting ? STAFF_SOURCE_LABELS[w.currentPosting.source] : '—'),
  },
  { title: t.since, key: 'since', width: 110, render: (_, w) => w.currentPosting?.startDate ?? '—' },
];

/**
 * 人员配备 of one station, for the station page: 达标/不达标, the qualified count against
 * R-STAFF-MIN, the workers on post and each finding with its rule, people and what clears it.
 * Renders nothing for a user without compliance:read.
 */
export function StationStaffingSection({ stationId, showTitle = true }: { stationId: string; showTitle?: boolean }) {
  const allowed = usePermission('compliance:read');
  const isMobile = useIsMobile();
  const { data, isPending, error, refetch } = useStationStaffing(stationId, allowed);
  if (!allowed) return null;

  return (
    <Card
      title={showTitle ? t.sectionTitle : undefined}
      size="small"
      loading={isPending}
      data-testid="station-staffing"
      extra={data ? <StaffingTag compliant={data.compliant} /> : null}
    >
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : data ? (
        <Flex vertical gap={12}>
          {showTitle ? null : <StaffingTag compliant={data.compliant} />}
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'onPost', label: t.onPost, children: <span data-testid="staffing-on-post">{t.onPostCount(data.onPost)}</span> },
              {
                key: 'qualified',
                label: t.qualified,
                children: (
                  <Typography.Text type={data.qualifiedOnPost < MIN_QUALIFIED ? 'danger' : undefined} data-testid="staffing-qualified">
                    {t.qualifiedOf(data.qualifiedOnPost, MIN_QUALIFIED)}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <Typography.Text strong>{t.workers}</Typography.Text>
          {isMobile ? (
            data.workers.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noWorkers} />
            ) : (
              <Flex vertical gap={8}>
                {data.workers.map((w) => (
                  <Card key={w.id} size="small">
                    <Flex justify="space-between" gap={8}>
                      <WorkerName worker={w} />
                      <Masked value={w.idNumberMasked} />
                    </Flex>
                    <div style={{ marginTop: 4 }}>
                      <QualificationTag qualifiedBy={w.qualifiedBy} />
                    </div>
                  </Card>
                ))}
              </Flex>
            )
          ) : (
            <Table<WorkerListItem>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={data.workers}
              pagination={false}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noWorkers} /> }}
            />
          )}
          {data.findings.length > 0 ? (
            <>
              <Typography.Text strong>{t.findingList}</Typography.Text>
              <FindingList findings={data.findings} />
            </>
          ) : null}
        </Flex>
      ) : null}
    </Card>
  );
}
