import { EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Empty, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useNavigate } from 'react-router';
import type { WorkbenchItem, WorkbenchSection } from '../../../shared/contracts/workbench';
import { PageHeader } from '../../components/PageHeader';
import { LoadError, PageLoading } from '../../components/PageStates';
import { m } from '../../i18n';
import { useCurrentUser, usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { useWorkbench } from './workbench.api';

// Only the city's and district's home shows it: the other roles' first page does not download its table.
const CoverageCard = lazy(() => import('../dashboard/CoverageCard').then((x) => ({ default: x.CoverageCard })));

const t = m.workbench;
const SEVERITY_COLOR = { overdue: 'error', due: 'warning', info: 'default' } as const;

/** One to-do: what is wrong and what clears it in plain words, then the clause, the rule id last and small. */
function Item({ item }: { item: WorkbenchItem }) {
  return (
    <li data-testid="workbench-item" data-severity={item.severity} style={{ padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
      <Flex gap={8} align="flex-start">
        <Tag color={SEVERITY_COLOR[item.severity]} style={{ marginInlineEnd: 0, flex: 'none' }}>
          {t.severity[item.severity]}
        </Tag>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Link to={item.link} style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
            {item.title}
          </Link>
          <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13, overflowWrap: 'anywhere' }}>
            {item.detail}
            {item.dueOn ? `（${t.dueOn(item.dueOn)}）` : null}
          </Typography.Paragraph>
          {item.clause ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.clause}
              {item.ruleId ? (
                <Typography.Text type="secondary" code style={{ fontSize: 11, marginInlineStart: 6 }} aria-label={`${t.rule} ${item.ruleId}`}>
                  {item.ruleId}
                </Typography.Text>
              ) : null}
            </Typography.Text>
          ) : null}
        </div>
      </Flex>
    </li>
  );
}

/** `mine`: the applicant's workbench, where the applications section lists its own. */
function Section({ section, mine = false }: { section: WorkbenchSection; mine?: boolean }) {
  const own = mine && section.key === 'applications';
  const open = section.items.filter((i) => i.severity !== 'info').length > 0;
  const red = section.items.some((i) => i.severity === 'overdue');
  return (
    <Card
      size="small"
      data-testid={`workbench-${section.key}`}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{own ? t.myApplications : t.sections[section.key]}</span>
          {section.placeholder ? null : (
            <Badge count={section.total} showZero overflowCount={999} color={red ? '#cf1322' : open ? '#d46b08' : '#8c8c8c'} aria-label={t.count(section.total)} />
          )}
        </Flex>
      }
      extra={section.moreLink ? <Link to={section.moreLink}>{t.all(section.total)}</Link> : null}
    >
      {section.placeholder ? (
        <Typography.Text type="secondary" data-testid="workbench-placeholder">{t.applicationsPlaceholder}</Typography.Text>
      ) : section.items.length === 0 ? (
        <Typography.Text type="secondary">{own ? t.myApplicationsEmpty : t.empty[section.key]}</Typography.Text>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {section.items.map((i, n) => <Item key={`${i.link}-${n}`} item={i} />)}
        </ul>
      )}
    </Card>
  );
}

/** 记一笔 one tap away: the worker's phone opens on it. */
function WorkerActions() {
  const navigate = useNavigate();
  const canWrite = usePermission('client:write');
  if (!canWrite) return null;
  return (
    <Flex gap={8} style={{ marginBottom: 16 }}>
      <Button type="primary" size="large" icon={<EditOutlined aria-hidden />} style={{ flex: 2, height: 56, fontSize: 18 }} data-testid="workbench-record" onClick={() => void navigate('/records/new')}>
        {t.record}
      </Button>
      <Button size="large" icon={<UserAddOutlined aria-hidden />} style={{ flex: 1, height: 56 }} onClick={() => void navigate('/clients/new')}>
        {t.newClient}
      </Button>
    </Flex>
  );
}

/** 工作台: the signed-in role's to-do list, computed by the server from the data in its scope. */
export default function WorkbenchPage() {
  const me = useCurrentUser();
  const isMobile = useIsMobile();
  const canSeeCoverage = usePermission('dashboard:read');
  const { data, isPending, error, refetch } = useWorkbench({ fresh: true });
  const persona = data?.persona;
  const withCoverage = canSeeCoverage && (persona === 'city' || persona === 'district' || persona === 'province');
  return (
    <>
      <PageHeader title={t.title}>
        <Typography.Text type="secondary">
          {t.greeting(me.displayName)}
          {persona ? `（${t.personas[persona]}）` : null}
          {data ? `　${t.asOf(data.asOf)}` : null}
        </Typography.Text>
      </PageHeader>
      {persona === 'worker' ? <WorkerActions /> : null}
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : data.sections.length === 0 ? (
        <Empty description={t.nothing} />
      ) : (
        <Row gutter={[16, 16]}>
          {data.sections.map((s) => (
            <Col key={s.key} xs={24} xl={persona === 'worker' || isMobile ? 24 : 12}>
              <Section section={s} mine={persona === 'applicant'} />
            </Col>
          ))}
          {withCoverage ? (
            <Col span={24}>
              <Suspense fallback={<PageLoading />}>
                <CoverageCard />
              </Suspense>
            </Col>
          ) : null}
        </Row>
      )}
    </>
  );
}
