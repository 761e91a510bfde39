import { BarChartOutlined, PlusOutlined, ScheduleOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { VolunteerListItem } from '../../../shared/contracts/volunteers';
import { VOLUNTEER_SKILL_LABELS, VOLUNTEER_STATUSES, VOLUNTEER_STATUS_LABELS } from '../../../shared/rules/volunteers';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { PermissionGate } from '../../lib/permissions';
import { zhCNVolunteers as t } from '../../i18n/zh-CN.volunteers';
import { VolunteerDrawer } from './VolunteerDrawer';
import { useVolunteers } from './volunteers.api';

const FILTER_KEYS = ['q', 'status'] as const;
const statusOptions = VOLUNTEER_STATUSES.map((s) => ({ value: s, label: VOLUNTEER_STATUS_LABELS[s] }));

function NameTags({ v }: { v: VolunteerListItem }) {
  return (
    <Flex gap={4} wrap>
      {v.minor ? <Tag color="orange">{t.minor}</Tag> : null}
      {v.status !== 'active' ? <Tag>{VOLUNTEER_STATUS_LABELS[v.status]}</Tag> : null}
    </Flex>
  );
}

/** 志愿者名册 of the stations in scope (社工+志愿者, 一（二）3): ID numbers masked. */
export default function VolunteersPage() {
  const list = useListState(FILTER_KEYS);
  const { url, page, pageSize } = list;
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const status = oneOf(VOLUNTEER_STATUSES, url.status);
  const query = useMemo(() => ({ q: url.q, status, page, pageSize }), [url.q, status, page, pageSize]);
  const result = useVolunteers(query);
  const columns: TableProps<VolunteerListItem>['columns'] = [
    {
      title: t.name, key: 'name', width: 140, fixed: 'start',
      render: (_, v) => (
        <Flex gap={4} wrap>
          <Link to={`/volunteers/${v.id}`}>{v.name}</Link>
          <NameTags v={v} />
        </Flex>
      ),
    },
    { title: t.idNumber, dataIndex: 'idNumberMasked', key: 'id', width: 190, render: (s: string) => <Typography.Text code>{s}</Typography.Text> },
    { title: t.age, dataIndex: 'age', key: 'age', width: 60 },
    { title: t.station, dataIndex: 'stationName', key: 'station', width: 240, ellipsis: true },
    { title: t.team, dataIndex: 'teamName', key: 'team', width: 180, render: (s: string) => s || t.noTeam },
    { title: t.skills, dataIndex: 'skills', key: 'skills', render: (s: VolunteerListItem['skills']) => s.map((x) => VOLUNTEER_SKILL_LABELS[x]).join('、') || '—' },
    { title: t.totalHours, dataIndex: 'totalHours', key: 'hours', width: 110, fixed: 'end' },
  ];
  return (
    <>
      <ListPage<VolunteerListItem>
        title={t.listTitle}
        extra={
          <>
            <Button icon={<TeamOutlined aria-hidden />} onClick={() => navigate('/volunteer-teams')}>{t.toTeams}</Button>
            <Button icon={<BarChartOutlined aria-hidden />} onClick={() => navigate('/volunteers/totals')}>{t.toTotals}</Button>
            <PermissionGate permission="volunteer:write">
              <Button icon={<ScheduleOutlined aria-hidden />} onClick={() => navigate('/volunteers/from-activity')}>{t.fromActivity}</Button>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t.create}
              </Button>
            </PermissionGate>
          </>
        }
        list={list}
        filters={[
          { type: 'search', key: 'q', label: t.keyword, span: { xs: 24, md: 12 } },
          { type: 'select', key: 'status', label: t.status, options: statusOptions, span: { xs: 24, md: 6 } },
        ]}
        result={result}
        columns={columns}
        scrollX={1100}
        empty={t.empty}
        cardsTestId="volunteer-cards"
        card={(v) => (
          <ListCard
            title={<Link to={`/volunteers/${v.id}`}>{v.name}</Link>}
            tag={<NameTags v={v} />}
            meta={`${v.idNumberMasked} · ${v.age}岁 · ${t.hoursUnit(v.totalHours)}`}
          >
            <div>{v.teamName || t.noTeam}</div>
            <Typography.Text type="secondary">{v.stationName}</Typography.Text>
          </ListCard>
        )}
      />
      {creating ? <VolunteerDrawer volunteer={null} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
