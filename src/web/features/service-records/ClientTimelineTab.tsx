import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Pagination, Spin, Timeline } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ServiceRecord } from '../../../shared/contracts/service-records';
import { LoadError } from '../../components/PageStates';
import { PermissionGate } from '../../lib/permissions';
import { RecordCard } from './recordLabels';
import { useRecords } from './records.api';
import { m } from '../../i18n';

const t = m.daily.records;

/** Newest first: by service date, then by when it was written down. */
export function newestFirst(items: readonly ServiceRecord[]): ServiceRecord[] {
  return [...items].sort((a, b) => (a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date)));
}

/** 服务时间线: every service record of one client (or one case), newest first. */
export function RecordTimeline({ clientId, caseId, canRecord = true }: { clientId?: string; caseId?: string; canRecord?: boolean }) {
  const [page, setPage] = useState(1);
  const navigate = useNavigate();
  const { data, isPending, error, refetch } = useRecords({ clientId, caseId, page, pageSize: 20 });
  const params = new URLSearchParams();
  if (clientId) params.set('clientId', clientId);
  if (caseId) params.set('caseId', caseId);
  return (
    <Flex vertical gap={12} data-testid="record-timeline">
      {canRecord ? (
        <PermissionGate permission="client:write">
          <Button type="primary" size="large" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate(`/records/new?${params.toString()}`)} style={{ alignSelf: 'start' }}>
            {t.record}
          </Button>
        </PermissionGate>
      ) : null}
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <Spin />
      ) : (data?.items.length ?? 0) === 0 ? (
        <Empty description={caseId ? m.daily.cases.noRecords : t.empty} />
      ) : (
        <>
          <Timeline
            items={newestFirst(data?.items ?? []).map((r) => ({
              key: r.id,
              color: r.homeVisit ? 'green' : 'blue',
              content: <RecordCard r={r} showClients={!clientId} />,
            }))}
          />
          {(data?.total ?? 0) > 20 ? <Pagination simple align="center" current={page} pageSize={20} total={data?.total ?? 0} onChange={setPage} /> : null}
        </>
      )}
    </Flex>
  );
}
