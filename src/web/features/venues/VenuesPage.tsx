import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Empty, Form, Input, InputNumber, Modal, Popconfirm, Segmented, Select, Space, Switch, Table, Tag, type TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Booking, Room } from '../../../shared/contracts/venues';
import { BOOKER_KINDS, BOOKER_KIND_LABELS, WEEKDAY_LABELS, type BookerKind } from '../../../shared/rules/venues';
import { PageHeader } from '../../components/PageHeader';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { serverPagination } from '../../lib/paging';
import { useCurrentUser, usePermission } from '../../lib/permissions';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { StationPicker } from '../stations/StationPicker';
import { useBook, useBookings, useCancelBooking, useCreateRoom, useRooms, useUsage, type RoomBody } from './venues.api';

const hours = (r: Room) => `${r.openDays.map((d) => WEEKDAY_LABELS[d]).join('、')} ${r.opensAt}–${r.closesAt}`;
// A datetime-local value is China wall-clock time.
const instant = (local: string) => `${local}:00+08:00`;
const DAY = 'YYYY-MM-DD';
const MONTH = 'YYYY-MM';
const URL_KEYS = ['stationId', 'page', 'pageSize', 'roomId', 'span', 'day', 'fromMonth', 'toMonth', 'usagePage'] as const;

/** The week (Monday to Sunday) or the month holding a day. */
function windowOf(span: 'week' | 'month', day: Dayjs): { from: Dayjs; to: Dayjs } {
  if (span === 'month') return { from: day.startOf('month'), to: day.endOf('month') };
  const monday = day.subtract((day.day() + 6) % 7, 'day');
  return { from: monday, to: monday.add(6, 'day') };
}

/**
 * 服务场所使用管理: the rooms (and the host's shared ones) of a station, their bookings by week or
 * month and the hours used per month. Officers choose the station; a station's workers see their own.
 */
export default function VenuesPage() {
  const canWrite = usePermission('venue:write');
  const me = useCurrentUser();
  const ownStation = me.scope.kind === 'station';
  const [url, setUrl] = useUrlState(URL_KEYS);
  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 10);
  const rooms = useRooms({ stationId: url.stationId, page, pageSize });
  const items = rooms.data?.items ?? [];
  const room = items.find((r) => r.id === url.roomId) ?? items[0];

  const span = url.span === 'month' ? 'month' : 'week';
  const day = url.day && dayjs(url.day, DAY, true).isValid() ? dayjs(url.day, DAY) : dayjs();
  const shown = windowOf(span, day);
  const bookings = useBookings(room?.id, shown.from.format(DAY), shown.to.format(DAY));

  const toMonth = url.toMonth ?? dayjs().add(1, 'month').format(MONTH);
  const fromMonth = url.fromMonth ?? dayjs().subtract(5, 'month').format(MONTH);
  const usagePage = toPage(url.usagePage, 1);
  const usage = useUsage({ stationId: url.stationId, fromMonth, toMonth, page: usagePage, pageSize: 20 });

  const cancel = useCancelBooking();
  const reportError = useReportError();
  const [adding, setAdding] = useState(false);
  const [booking, setBooking] = useState(false);
  const step = (n: number) => setUrl({ day: day.add(n, span).format(DAY) });

  const roomColumns: TableProps<Room>['columns'] = [
    { title: '场所', dataIndex: 'name', key: 'name', width: 160, render: (v: string, r) => <>{v}{r.shared ? <Tag style={{ marginInlineStart: 6 }}>共用</Tag> : null}</> },
    { title: '社工站', dataIndex: 'stationName', key: 'station', width: 240 },
    { title: '开放时间', key: 'hours', width: 260, render: (_: unknown, r) => hours(r) },
    { title: '容纳人数', dataIndex: 'capacity', key: 'capacity', width: 90 },
  ];
  const bookingColumns: TableProps<Booking>['columns'] = [
    { title: '时间', key: 'span', width: 260, render: (_: unknown, b) => `${formatDateTime(b.startsAt)} 至 ${formatDateTime(b.endsAt)}` },
    { title: '预约方', key: 'booker', width: 220, render: (_: unknown, b) => `${BOOKER_KIND_LABELS[b.bookerKind]}：${b.bookerName}` },
    { title: '用途', dataIndex: 'purpose', key: 'purpose', width: 200 },
    {
      title: '状态', key: 'status', width: 140,
      render: (_: unknown, b) => b.status === 'cancelled' ? <Tag>已取消</Tag> : (
        <Space><Tag color="blue">已预约</Tag>{canWrite ? (
          <Popconfirm title="取消这次预约？" description="取消后该时段可被他人预约。" okText="取消预约" cancelText="保留" onConfirm={() => cancel.mutate(b.id, { onError: (e) => reportError(e) })}>
            <Button size="small">取消</Button>
          </Popconfirm>
        ) : null}</Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="服务场所使用"
        extra={canWrite ? (
          <Space>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>登记场所</Button>
            <Button type="primary" disabled={!room} onClick={() => setBooking(true)}>预约场所</Button>
          </Space>
        ) : null}
      />
      {ownStation ? null : (
        <Space style={{ marginBottom: 16 }} wrap>
          <span>社工站：</span>
          <StationPicker id="venue-station" aria-label="选择社工站" allowClear placeholder="全部社工站（输入名称查找）" value={url.stationId}
            onChange={(v) => setUrl({ stationId: v, page: null, roomId: null, usagePage: null })} />
        </Space>
      )}
      <Card title="场所" style={{ marginBottom: 16 }}>
        <Table<Room> rowKey="id" size="small" columns={roomColumns} dataSource={items} loading={rooms.isFetching}
          pagination={serverPagination(page, pageSize, rooms.data?.total)}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize, roomId: null })}
          scroll={{ x: 'max-content' }} rowSelection={{ type: 'radio', selectedRowKeys: room ? [room.id] : [], onChange: (keys) => setUrl({ roomId: String(keys[0]) }) }}
          onRow={(r) => ({ onClick: () => setUrl({ roomId: r.id }) })} data-testid="venue-rooms" />
      </Card>
      <Card
        title={room ? `${room.name}的预约` : '预约'}
        style={{ marginBottom: 16 }}
        extra={room ? (
          <Space wrap>
            <Segmented<'week' | 'month'> value={span} options={[{ value: 'week', label: '按周' }, { value: 'month', label: '按月' }]} onChange={(v) => setUrl({ span: v === 'month' ? 'month' : null })} />
            <Button icon={<LeftOutlined aria-hidden />} aria-label={span === 'week' ? '上一周' : '上个月'} onClick={() => step(-1)} />
            <span data-testid="booking-window">{span === 'week' ? `${shown.from.format('YYYY年M月D日')}—${shown.to.format('M月D日')}` : shown.from.format('YYYY年M月')}</span>
            <Button icon={<RightOutlined aria-hidden />} aria-label={span === 'week' ? '下一周' : '下个月'} onClick={() => step(1)} />
            <Button onClick={() => setUrl({ day: null })}>{span === 'week' ? '本周' : '本月'}</Button>
          </Space>
        ) : null}
      >
        {room ? (
          <Table<Booking> rowKey="id" size="small" columns={bookingColumns} dataSource={bookings.data ?? []} loading={bookings.isLoading}
            pagination={false} scroll={{ x: 'max-content' }} data-testid="venue-bookings"
            locale={{ emptyText: span === 'week' ? '本周没有预约' : '本月没有预约' }} />
        ) : <Empty description={rooms.isLoading ? '加载中' : '尚未登记场所'} />}
      </Card>
      <Card
        title="每月使用时长"
        extra={
          <DatePicker.RangePicker picker="month" allowClear={false} aria-label="统计月份"
            value={[dayjs(fromMonth, MONTH), dayjs(toMonth, MONTH)]}
            disabledDate={(d, info) => Boolean(info.from && Math.abs(d.diff(info.from, 'month')) >= 24)}
            onChange={(v) => {
              const [a, b] = v ?? [];
              if (a && b) setUrl({ fromMonth: a.format(MONTH), toMonth: b.format(MONTH), usagePage: null });
            }} />
        }
      >
        <Table rowKey={(u) => `${u.roomId}-${u.month}`} size="small" dataSource={usage.data?.items ?? []} loading={usage.isFetching}
          pagination={{ ...serverPagination(usagePage, 20, usage.data?.total), showSizeChanger: false }}
          onChange={(p) => setUrl({ usagePage: p.current })}
          data-testid="venue-usage"
          columns={[
            { title: '月份', dataIndex: 'month', key: 'month', width: 100 },
            { title: '社工站', dataIndex: 'stationName', key: 'station', width: 240 },
            { title: '场所', dataIndex: 'roomName', key: 'room', width: 160 },
            { title: '预约次数', dataIndex: 'bookings', key: 'bookings', width: 90 },
            { title: '使用时长（小时）', dataIndex: 'hours', key: 'hours', width: 130 },
          ]}
        />
      </Card>
      {adding ? <RoomModal stationId={ownStation ? undefined : url.stationId} onClose={() => setAdding(false)} /> : null}
      {booking && room ? <BookingModal room={room} onClose={() => setBooking(false)} onBooked={(start) => setUrl({ day: start.slice(0, 10) })} /> : null}
    </>
  );
}

/** Officers register a room for a station they choose (the one picked on the page, if any). */
function RoomModal({ stationId, onClose }: { stationId?: string; onClose: () => void }) {
  const ownStation = useCurrentUser().scope.kind === 'station';
  const [form] = Form.useForm<RoomBody>();
  const create = useCreateRoom();
  const reportError = useReportError();
  const { message } = App.useApp();
  const save = async () => {
    const v = await form.validateFields();
    create.mutate(v, { onSuccess: () => { message.success('场所已登记'); onClose(); }, onError: (e) => reportError(e, form) });
  };
  return (
    <Modal open title="登记场所" okText="登记" cancelText="取消" onOk={() => void save()} onCancel={onClose} confirmLoading={create.isPending} destroyOnHidden>
      <Form<RoomBody> form={form} layout="vertical" initialValues={{ stationId, opensAt: '08:30', closesAt: '17:30', openDays: [1, 2, 3, 4, 5], shared: false, capacity: 20 }}>
        {ownStation ? null : (
          <Form.Item name="stationId" label="社工站" rules={[{ required: true, message: '请选择社工站' }]}>
            <StationPicker aria-label="场所所属社工站" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="name" label="场所名称" rules={[{ required: true, message: '请填写场所名称' }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="shared" label="村居或镇街共用场所" valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="capacity" label="容纳人数"><InputNumber min={0} max={10000} /></Form.Item>
        <Space>
          <Form.Item name="opensAt" label="开放时间"><Input type="time" /></Form.Item>
          <Form.Item name="closesAt" label="关闭时间"><Input type="time" /></Form.Item>
        </Space>
        <Form.Item name="openDays" label="开放日">
          <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: WEEKDAY_LABELS[d] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface BookingValues { bookerKind: BookerKind; bookerName: string; purpose: string; startsAt: string; endsAt: string }

/** After booking, the week (or month) of the booking is shown, so the new row is in view. */
function BookingModal({ room, onClose, onBooked }: { room: Room; onClose: () => void; onBooked: (startLocal: string) => void }) {
  const [form] = Form.useForm<BookingValues>();
  const book = useBook();
  const reportError = useReportError();
  const { message } = App.useApp();
  const save = async () => {
    const v = await form.validateFields();
    book.mutate(
      { ...v, roomId: room.id, startsAt: instant(v.startsAt), endsAt: instant(v.endsAt) },
      { onSuccess: () => { message.success('已预约'); onBooked(v.startsAt); onClose(); }, onError: (e) => reportError(e, form) },
    );
  };
  return (
    <Modal open title={`预约${room.name}`} okText="预约" cancelText="取消" onOk={() => void save()} onCancel={onClose} confirmLoading={book.isPending} destroyOnHidden>
      <p>开放时间：{hours(room)}</p>
      <Form<BookingValues> form={form} layout="vertical" initialValues={{ bookerKind: 'station' }}>
        <Form.Item name="bookerKind" label="预约方" rules={[{ required: true }]}>
          <Select aria-label="预约方" options={BOOKER_KINDS.map((k) => ({ value: k, label: BOOKER_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="bookerName" label="预约单位或团队" rules={[{ required: true, message: '请填写预约单位或团队' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="purpose" label="用途" rules={[{ required: true, message: '请填写用途' }]}><Input maxLength={300} /></Form.Item>
        <Form.Item name="startsAt" label="开始时间" rules={[{ required: true, message: '请填写开始时间' }]}><Input type="datetime-local" /></Form.Item>
        <Form.Item name="endsAt" label="结束时间" rules={[{ required: true, message: '请填写结束时间' }]}><Input type="datetime-local" /></Form.Item>
      </Form>
    </Modal>
  );
}
