import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Calendar, Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import type { CalendarMode } from 'antd/es/calendar/generateCalendar';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { DEADLINE_KIND_LABELS, deadlineCalendar, type Deadline } from '../../../shared/contracts/calendar';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { api } from '../../lib/api';
import { useIsMobile } from '../../lib/useIsMobile';
import { useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { RuleTag } from '../../components/RuleTag';
import { ruleOf } from '../../components/rule-of';

const t = m.purchase.calendar;
const KEYS = ['month', 'mode'] as const;
const SOON_DAYS = 30;

type Shown = Deadline['state'] | 'soon';

/** 'upcoming' within 30 days is a reminder (即将到期, orange); only overdue is red: done late is done, a closed year's is grey. */
function shownState(d: Deadline, asOf: string): Shown {
  if (d.state === 'upcoming' && dayjs(d.date).diff(dayjs(asOf), 'day') <= SOON_DAYS) return 'soon';
  return d.state;
}

const COLORS: Record<Shown, string> = { done: 'success', late: 'success', overdue: 'error', expired: 'default', upcoming: 'processing', soon: 'warning' };
const BADGE: Record<Shown, 'success' | 'error' | 'processing' | 'warning' | 'default'> = {
  done: 'success',
  late: 'success',
  expired: 'default',
  overdue: 'error',
  upcoming: 'processing',
  soon: 'warning',
};

export function StateTag({ state }: { state: Shown }) {
  return <Tag color={COLORS[state]}>{t.states[state]}</Tag>;
}

function linkOf(d: Deadline): string | null {
  if (!d.link) return null;
  const base: Record<NonNullable<Deadline['link']>['type'], string> = {
    'annual-plan': '/annual-plans',
    procurement: '/procurements',
    contract: '/contracts',
    report: '/reports',
  };
  return `${base[d.link.type]}/${d.link.id}`;
}

function monthOf(value: string | undefined): Dayjs {
  const d = value && /^\d{4}-\d{2}$/.test(value) ? dayjs(`${value}-01`) : dayjs();
  return d.isValid() ? d.startOf('month') : dayjs().startOf('month');
}

/** The days the month view shows (from the Monday before the 1st, six weeks), or the whole year. */
function rangeOf(month: Dayjs, mode: CalendarMode): { from: string; to: string } {
  if (mode === 'year') return { from: month.startOf('year').format('YYYY-MM-DD'), to: month.endOf('year').format('YYYY-MM-DD') };
  const start = month.startOf('month').startOf('week');
  return { from: start.format('YYYY-MM-DD'), to: start.add(41, 'day').format('YYYY-MM-DD') };
}

const byDate = (a: Deadline, b: Deadline) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

function DeadlineList({ items, asOf, testId }: { items: Deadline[]; asOf: string; testId: string }) {
  return (
    <ul data-testid={testId} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((d, i) => {
        const href = linkOf(d);
        const state = shownState(d, asOf);
        return (
          <li
            key={`${d.date}-${d.kind}-${i}`}
            data-testid="deadline-item"
            data-state={d.state}
            style={{ padding: '8px 0', borderBottom: i < items.length - 1 ? '1px solid rgba(5,5,5,0.06)' : undefined }}
          >
            <Flex justify="space-between" gap={8} align="center" wrap>
              <Typography.Text strong type={state === 'overdue' ? 'danger' : state === 'expired' ? 'secondary' : undefined}>
                {d.date}
              </Typography.Text>
              <StateTag state={state} />
            </Flex>
            <div style={{ wordBreak: 'break-word' }}>{href ? <Link to={href}>{d.title}</Link> : d.title}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {DEADLINE_KIND_LABELS[d.kind]}
              {d.countyShortName ? ` · ${d.countyShortName}` : ''}
            </Typography.Text>
            {d.rule ? (
              <div>
                <RuleTag rule={ruleOf(d.rule)} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** 待办提醒: what is overdue (from last year on) and what falls due in the next 30 days. */
function Reminders() {
  const today = dayjs();
  const range = { from: today.subtract(1, 'year').startOf('year').format('YYYY-MM-DD'), to: today.add(SOON_DAYS, 'day').format('YYYY-MM-DD') };
  const { data, isPending } = useQuery({
    queryKey: ['calendar', 'reminders', range],
    queryFn: () => api(deadlineCalendar, { query: range }),
  });
  const asOf = data?.asOf ?? today.format('YYYY-MM-DD');
  const items = (data?.items ?? []).filter((d) => d.state === 'overdue' || shownState(d, asOf) === 'soon').sort(byDate);
  return (
    <Card size="small" title={t.reminders} loading={isPending} data-testid="deadline-reminders">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t.remindersHint}
      </Typography.Text>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noReminders} />
      ) : (
        <DeadlineList items={items} asOf={asOf} testId="reminder-list" />
      )}
    </Card>
  );
}

export default function CalendarPage() {
  const [url, setUrl] = useUrlState(KEYS);
  const month = monthOf(url.month);
  const mode: CalendarMode = url.mode === 'year' ? 'year' : 'month';
  const isMobile = useIsMobile();
  const [selected, setSelected] = useState<string | null>(null);
  const range = rangeOf(month, mode);
  const { data, isPending, error, refetch } = useQuery({
    queryKey: ['calendar', range],
    queryFn: () => api(deadlineCalendar, { query: range }),
    placeholderData: keepPreviousData,
  });
  const asOf = data?.asOf ?? dayjs().format('YYYY-MM-DD');

  const byDay = useMemo(() => {
    const map = new Map<string, Deadline[]>();
    for (const d of data?.items ?? []) map.set(d.date, [...(map.get(d.date) ?? []), d]);
    return map;
  }, [data]);

  const period = mode === 'year' ? month.format('YYYY') : month.format('YYYY-MM');
  const listed = (data?.items ?? []).filter((d) => (selected ? d.date === selected : d.date.startsWith(period))).sort(byDate);
  const periodLabel = mode === 'year' ? `${t.yearList}（${month.format('YYYY年')}）` : `${t.list}（${month.format('YYYY年M月')}）`;
  const isThisMonth = month.isSame(dayjs(), 'month');

  const dateCell = (date: Dayjs) => {
    const items = byDay.get(date.format('YYYY-MM-DD')) ?? [];
    if (items.length === 0) return null;
    if (isMobile)
      return (
        <Flex justify="center" gap={2}>
          {items.slice(0, 3).map((d, i) => (
            <Badge key={i} status={BADGE[shownState(d, asOf)]} />
          ))}
        </Flex>
      );
    return (
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.slice(0, 3).map((d, i) => (
          <li key={i} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', fontSize: 12 }}>
            <Badge status={BADGE[shownState(d, asOf)]} text={<span style={{ fontSize: 12 }}>{d.title}</span>} />
          </li>
        ))}
        {items.length > 3 ? <li style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{t.more(items.length - 3)}</li> : null}
      </ul>
    );
  };

  const monthCell = (date: Dayjs) => {
    const key = date.format('YYYY-MM');
    const items = (data?.items ?? []).filter((d) => d.date.startsWith(key));
    if (items.length === 0) return null;
    const red = items.some((d) => d.state === 'overdue');
    return <Badge status={red ? 'error' : 'processing'} text={t.monthCount(items.length)} />;
  };

  return (
    <>
      <PageHeader title={t.title}>
        <Typography.Text type="secondary">{t.asOf(asOf)}</Typography.Text>
      </PageHeader>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Card size="small" loading={isPending && !data} data-testid="deadline-calendar">
              <Calendar
                fullscreen={!isMobile}
                mode={mode}
                value={selected ? dayjs(selected) : isThisMonth ? dayjs() : month}
                cellRender={(date, info) => (info.type === 'date' ? dateCell(date) : info.type === 'month' ? monthCell(date) : null)}
                onPanelChange={(d, next) => {
                  setSelected(null);
                  setUrl({ month: d.format('YYYY-MM'), mode: next === 'year' ? 'year' : undefined });
                }}
                onSelect={(d, info) => {
                  if (info.source === 'date') {
                    if (d.format('YYYY-MM') !== month.format('YYYY-MM')) setUrl({ month: d.format('YYYY-MM') });
                    setSelected(d.format('YYYY-MM-DD'));
                  } else if (info.source === 'month') {
                    setSelected(null);
                    setUrl({ month: d.format('YYYY-MM'), mode: undefined });
                  }
                }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={9}>
            <Flex vertical gap={16}>
              <Card
                size="small"
                title={selected ?? periodLabel}
                extra={
                  selected ? (
                    <Button size="small" type="link" onClick={() => setSelected(null)}>
                      {month.format('YYYY年M月')}
                    </Button>
                  ) : null
                }
              >
                {isPending && !data ? null : listed.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} />
                ) : (
                  <DeadlineList items={listed} asOf={asOf} testId="deadline-list" />
                )}
              </Card>
              <Reminders />
            </Flex>
          </Col>
        </Row>
      )}
    </>
  );
}
