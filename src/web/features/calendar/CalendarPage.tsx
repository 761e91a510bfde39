import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Calendar, Card, Col, Drawer, Empty, Flex, Pagination, Row, Tag, Typography } from 'antd';
import type { CalendarMode } from 'antd/es/calendar/generateCalendar';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  DEADLINE_KIND_LABELS,
  DEADLINE_STATES,
  deadlineCalendar,
  deadlineGroupItems,
  type CalendarAnswer,
  type Deadline,
  type DeadlineGroup,
} from '../../../shared/contracts/calendar';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { api } from '../../lib/api';
import { useIsMobile } from '../../lib/useIsMobile';
import { useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { RuleTag } from '../../components/RuleTag';
import { ruleOf } from '../../components/rule-of';

// The grouped view's words live in this lazy chunk, not in the messages every first page loads (JS budget).
const t = {
  ...m.purchase.calendar,
  groupTitle: (region: string, n: number, kind: string) => `${region}：${n} 项${kind}`,
  groupedHint: '范围内社工站较多，期限按日期、类型和下级区域汇总；点击条目查看明细',
  drawerTitle: (region: string, date: string, kind: string) => `${region} · ${date} · ${kind}`,
  stateCount: (state: string, n: number) => `${state} ${n}`,
  total: (n: number) => `共 ${n} 项`,
};
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

const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** What a grouped entry shows first: anything overdue, else what is still to come, else done (or grey when all expired). */
function groupState(g: DeadlineGroup, asOf: string): Shown {
  if (g.counts.overdue > 0) return 'overdue';
  if (g.counts.upcoming > 0) return dayjs(g.date).diff(dayjs(asOf), 'day') <= SOON_DAYS ? 'soon' : 'upcoming';
  if (g.counts.done + g.counts.late === 0) return 'expired';
  return 'done';
}

const groupTitle = (g: DeadlineGroup) => t.groupTitle(g.regionName, g.total, DEADLINE_KIND_LABELS[g.kind]);
const itemsOf = (a: CalendarAnswer | undefined): Deadline[] => (a && !a.grouped ? a.items : []);
const groupsOf = (a: CalendarAnswer | undefined): DeadlineGroup[] => (a?.grouped ? a.groups : []);

/** A wide scope's entries: one per day, kind and region below the scope, with its counts by state; a click opens the deadlines. */
function GroupList({ groups, asOf, testId, onOpen }: { groups: DeadlineGroup[]; asOf: string; testId: string; onOpen: (g: DeadlineGroup) => void }) {
  return (
    <ul data-testid={testId} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {groups.map((g, i) => (
        <li
          key={`${g.date}-${g.kind}-${g.regionCode}`}
          data-testid="deadline-group"
          data-state={groupState(g, asOf)}
          style={{ padding: '8px 0', borderBottom: i < groups.length - 1 ? '1px solid rgba(5,5,5,0.06)' : undefined }}
        >
          <Flex justify="space-between" gap={8} align="center" wrap>
            <Typography.Text strong type={g.counts.overdue > 0 ? 'danger' : undefined}>
              {g.date}
            </Typography.Text>
            <StateTag state={groupState(g, asOf)} />
          </Flex>
          <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onOpen(g)}>
            {groupTitle(g)}
          </Button>
          <Flex gap={4} wrap style={{ marginTop: 4 }}>
            {DEADLINE_STATES.filter((s) => g.counts[s] > 0).map((s) => (
              <Tag key={s} color={COLORS[s]} style={{ fontSize: 12, marginInlineEnd: 0 }}>
                {t.stateCount(t.states[s] ?? s, g.counts[s])}
              </Tag>
            ))}
          </Flex>
          {g.rule ? (
            <div>
              <RuleTag rule={ruleOf(g.rule)} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

const PAGE = 20;

/** A period's entries, 20 at a time: a city's year holds one per due day and county. */
function PagedGroupList({ groups, asOf, testId, onOpen }: { groups: DeadlineGroup[]; asOf: string; testId: string; onOpen: (g: DeadlineGroup) => void }) {
  const [page, setPage] = useState(1);
  return (
    <>
      <GroupList groups={groups.slice((page - 1) * PAGE, page * PAGE)} asOf={asOf} testId={testId} onOpen={onOpen} />
      {groups.length > PAGE ? (
        <Pagination size="small" style={{ marginTop: 12 }} current={page} pageSize={PAGE} total={groups.length} showSizeChanger={false} showTotal={t.total} onChange={setPage} />
      ) : null}
    </>
  );
}

/** The deadlines behind one entry, paged by the server. */
function GroupDrawer({ group, onClose }: { group: DeadlineGroup | null; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const [shownFor, setShownFor] = useState<DeadlineGroup | null>(group);
  if (shownFor !== group) {
    setShownFor(group);
    setPage(1);
  }
  const query = group ? { date: group.date, kind: group.kind, region: group.regionCode, limit: PAGE, offset: (page - 1) * PAGE } : null;
  const { data, isPending, error } = useQuery({
    queryKey: ['calendar', 'entries', query],
    queryFn: () => api(deadlineGroupItems, { query: query ?? { date: '', kind: 'plan_due', region: '', limit: PAGE, offset: 0 } }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
  return (
    <Drawer
      open={group !== null}
      onClose={onClose}
      width={480}
      title={group ? t.drawerTitle(group.regionName, group.date, DEADLINE_KIND_LABELS[group.kind]) : null}
      data-testid="deadline-drawer"
    >
      {error ? (
        <LoadError error={error} />
      ) : isPending || !data ? null : data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} />
      ) : (
        <>
          <DeadlineList items={data.items} asOf={data.asOf} testId="deadline-drawer-list" />
          <Pagination
            size="small"
            style={{ marginTop: 12 }}
            current={page}
            pageSize={PAGE}
            total={data.total}
            showSizeChanger={false}
            showTotal={t.total}
            onChange={setPage}
          />
        </>
      )}
    </Drawer>
  );
}

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
function Reminders({ onOpen }: { onOpen: (g: DeadlineGroup) => void }) {
  const today = dayjs();
  const range = { from: today.subtract(1, 'year').startOf('year').format('YYYY-MM-DD'), to: today.add(SOON_DAYS, 'day').format('YYYY-MM-DD') };
  const { data, isPending } = useQuery({
    queryKey: ['calendar', 'reminders', range],
    queryFn: () => api(deadlineCalendar, { query: range }),
  });
  const asOf = data?.asOf ?? today.format('YYYY-MM-DD');
  const items = itemsOf(data).filter((d) => d.state === 'overdue' || shownState(d, asOf) === 'soon').sort(byDate);
  const groups = groupsOf(data).filter((g) => ['overdue', 'soon'].includes(groupState(g, asOf)));
  return (
    <Card size="small" title={t.reminders} loading={isPending} data-testid="deadline-reminders">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t.remindersHint}
      </Typography.Text>
      {items.length === 0 && groups.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noReminders} />
      ) : data?.grouped ? (
        <PagedGroupList groups={groups} asOf={asOf} testId="reminder-list" onOpen={onOpen} />
      ) : (
        <DeadlineList items={items} asOf={asOf} testId="reminder-list" />
      )}
    </Card>
  );
}

/** One line in a day cell: a deadline, or an entry of a wide scope. */
interface Line {
  key: string;
  text: string;
  state: Shown;
}

export default function CalendarPage() {
  const [url, setUrl] = useUrlState(KEYS);
  const month = monthOf(url.month);
  const mode: CalendarMode = url.mode === 'year' ? 'year' : 'month';
  const isMobile = useIsMobile();
  const [selected, setSelected] = useState<string | null>(null);
  const [opened, setOpened] = useState<DeadlineGroup | null>(null);
  const range = rangeOf(month, mode);
  const { data, isPending, error, refetch } = useQuery({
    queryKey: ['calendar', range],
    queryFn: () => api(deadlineCalendar, { query: range }),
    placeholderData: keepPreviousData,
  });
  const asOf = data?.asOf ?? dayjs().format('YYYY-MM-DD');
  const grouped = data?.grouped === true;

  const byDay = useMemo(() => {
    const map = new Map<string, Line[]>();
    const add = (date: string, line: Line) => map.set(date, [...(map.get(date) ?? []), line]);
    itemsOf(data).forEach((d, i) => add(d.date, { key: `i${i}`, text: d.title, state: shownState(d, asOf) }));
    for (const g of groupsOf(data)) add(g.date, { key: `${g.kind}-${g.regionCode}`, text: groupTitle(g), state: groupState(g, asOf) });
    return map;
  }, [data, asOf]);

  const period = mode === 'year' ? month.format('YYYY') : month.format('YYYY-MM');
  const shown = (date: string) => (selected ? date === selected : date.startsWith(period));
  const listed = itemsOf(data).filter((d) => shown(d.date)).sort(byDate);
  const listedGroups = groupsOf(data).filter((g) => shown(g.date));
  const periodLabel = mode === 'year' ? `${t.yearList}（${month.format('YYYY年')}）` : `${t.list}（${month.format('YYYY年M月')}）`;
  const isThisMonth = month.isSame(dayjs(), 'month');

  const dateCell = (date: Dayjs) => {
    const lines = byDay.get(date.format('YYYY-MM-DD')) ?? [];
    if (lines.length === 0) return null;
    if (isMobile)
      return (
        <Flex justify="center" gap={2}>
          {lines.slice(0, 3).map((l) => (
            <Badge key={l.key} status={BADGE[l.state]} />
          ))}
        </Flex>
      );
    return (
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {lines.slice(0, 3).map((l) => (
          <li key={l.key} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', fontSize: 12 }}>
            <Badge status={BADGE[l.state]} text={<span style={{ fontSize: 12 }}>{l.text}</span>} />
          </li>
        ))}
        {lines.length > 3 ? <li style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{t.more(lines.length - 3)}</li> : null}
      </ul>
    );
  };

  const monthCell = (date: Dayjs) => {
    const key = date.format('YYYY-MM');
    const items = itemsOf(data).filter((d) => d.date.startsWith(key));
    const groups = groupsOf(data).filter((g) => g.date.startsWith(key));
    const n = items.length + groups.reduce((sum, g) => sum + g.total, 0);
    if (n === 0) return null;
    const red = items.some((d) => d.state === 'overdue') || groups.some((g) => g.counts.overdue > 0);
    return <Badge status={red ? 'error' : 'processing'} text={t.monthCount(n)} />;
  };

  return (
    <>
      <PageHeader title={t.title}>
        <Typography.Text type="secondary">{t.asOf(asOf)}</Typography.Text>
        {grouped ? (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="calendar-grouped-hint">
            {t.groupedHint}
          </Typography.Text>
        ) : null}
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
                {isPending && !data ? null : listed.length === 0 && listedGroups.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} />
                ) : grouped ? (
                  <PagedGroupList key={`${period}-${selected ?? ''}`} groups={listedGroups} asOf={asOf} testId="deadline-list" onOpen={setOpened} />
                ) : (
                  <DeadlineList items={listed} asOf={asOf} testId="deadline-list" />
                )}
              </Card>
              <Reminders onOpen={setOpened} />
            </Flex>
          </Col>
        </Row>
      )}
      <GroupDrawer group={opened} onClose={() => setOpened(null)} />
    </>
  );
}
