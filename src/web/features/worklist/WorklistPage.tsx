import { EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Flex, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CaseListItem } from '../../../shared/contracts/cases';
import { LoadError } from '../../components/PageStates';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentUser, usePermission } from '../../lib/permissions';
import { CaseCard } from '../cases/caseLabels';
import { useCases, type CaseListQuery } from '../cases/cases.api';
import { ClientCard } from '../clients/ClientCards';
import { useClients } from '../clients/clients.api';
import { m } from '../../i18n';

const t = m.daily.worklist;
const SHOWN = 10;

function Section(props: {
  title: string;
  count: number | undefined;
  danger?: boolean;
  testId: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card
      size="small"
      data-testid={props.testId}
      title={
        <Flex gap={8} align="center">
          <span>{props.title}</span>
          {props.count !== undefined ? (
            <Badge count={props.count} showZero color={props.danger && props.count > 0 ? '#ff4d4f' : '#8c8c8c'} overflowCount={99} />
          ) : null}
        </Flex>
      }
      extra={props.extra}
    >
      {props.children}
    </Card>
  );
}

/** A short card list of cases for one question of the day (open, overdue, due, waiting for me). */
function CaseSection({ title, query, empty, testId, danger }: { title: string; query: CaseListQuery; empty: string; testId: string; danger?: boolean }) {
  const { data, isPending, error, refetch } = useCases({ ...query, pageSize: SHOWN });
  return (
    <Section title={title} count={data?.total} danger={danger} testId={testId}>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (data?.items.length ?? 0) === 0 ? (
        <Typography.Text type="secondary">{empty}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {data?.items.map((c: CaseListItem) => <CaseCard key={c.id} c={c} />)}
          {(data?.total ?? 0) > SHOWN ? (
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {m.daily.common.more} {(data?.total ?? 0) - SHOWN}
            </Typography.Text>
          ) : null}
        </Flex>
      )}
    </Section>
  );
}

function RecentClients() {
  const { data, isPending, error, refetch } = useClients({ sort: '-createdAt', status: 'active', pageSize: 5 });
  return (
    <Section
      title={t.recentClients}
      count={data?.total}
      testId="worklist-clients"
      extra={<Link to="/clients">{t.viewAll}</Link>}
    >
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (data?.items.length ?? 0) === 0 ? (
        <Typography.Text type="secondary">{t.emptyClients}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {data?.items.map((c) => <ClientCard key={c.id} client={c} />)}
        </Flex>
      )}
    </Section>
  );
}

/** 工作台: a station worker's day on one phone screen after another. */
export default function WorklistPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const canApprove = usePermission('case:approve');
  const canWrite = usePermission('client:write');
  return (
    <>
      <PageHeader title={t.title}>
        <Typography.Text type="secondary">{t.greeting(me.displayName)}</Typography.Text>
      </PageHeader>
      {canWrite ? (
        <Flex gap={8} style={{ marginBottom: 16 }}>
          <Button type="primary" size="large" icon={<EditOutlined aria-hidden />} style={{ flex: 1, height: 52 }} onClick={() => void navigate('/records/new')}>
            {m.daily.records.record}
          </Button>
          <Button size="large" icon={<UserAddOutlined aria-hidden />} style={{ flex: 1, height: 52 }} onClick={() => void navigate('/clients/new')}>
            {m.daily.clients.create}
          </Button>
        </Flex>
      ) : null}
      <Flex vertical gap={16}>
        {canApprove ? (
          <CaseSection title={t.pendingApproval} query={{ pending: 'true' }} empty={t.emptyPending} testId="worklist-pending" danger />
        ) : null}
        <CaseSection title={t.overdue} query={{ followUp: 'overdue' }} empty={t.emptyOverdue} testId="worklist-overdue" danger />
        <CaseSection title={t.due7} query={{ followUp: 'due7' }} empty={t.emptyDue} testId="worklist-due" />
        <CaseSection title={t.openCases} query={{ mine: 'true', open: 'true' }} empty={t.emptyCases} testId="worklist-cases" />
        <RecentClients />
      </Flex>
    </>
  );
}
