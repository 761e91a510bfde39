import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import type { Booking, Room } from '../../../shared/contracts/venues';
import { BOOKER_KINDS, BOOKER_KIND_LABELS, WEEKDAY_LABELS, type BookerKind } from '../../../shared/rules/venues';
import { PageHeader } from '../../components/PageHeader';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { useBook, useBookings, useCancelBooking, useCreateRoom, useRooms, useUsage, type RoomBody } from './venues.api';

const hours = (r: Room) => `${r.openDays.map((d) => WEEKDAY_LABELS[d]).join('、')} ${r.opensAt}–${r.closesAt}`;
// A datetime-local value is China wall-clock time.
const instant = (local: string) => `${local}:00+08:00`;

/** 服务场所使用管理: the station's rooms (and the host's shared ones), their bookings and hours used. */
export default function VenuesPage() {
  const canWrite = usePermission('venue:write');
  const rooms = useRooms();
  const usage = useUsage();
  const [roomId, setRoomId] = useState<string | undefined>(undefined);
  const room = rooms.data?.find((r) => r.id === roomId) ?? rooms.data?.[0];
  const bookings = useBookings(room?.id);
  const cancel = useCancelBooking();
  const reportError = useReportError();
  const [adding, setAdding] = useState(false);
  const [booking, setBooking] = useState(false);

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
        <Space><Tag color="blue">已预约</Tag>{canWrite ? <Button size="small" onClick={() => cancel.mutate(b.id, { onError: (e) => reportError(e) })}>取消</Button> : null}</Space>
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
      <Card title="场所" style={{ marginBottom: 16 }}>
        <Table<Room> rowKey="id" size="small" columns={roomColumns} dataSource={rooms.data ?? []} loading={rooms.isLoading} pagination={false}
          scroll={{ x: 'max-content' }} rowSelection={{ type: 'radio', selectedRowKeys: room ? [room.id] : [], onChange: (keys) => setRoomId(String(keys[0])) }}
          onRow={(r) => ({ onClick: () => setRoomId(r.id) })} data-testid="venue-rooms" />
      </Card>
      <Card title={room ? `${room.name}的预约` : '预约'} style={{ marginBottom: 16 }}>
        {room ? (
          <Table<Booking> rowKey="id" size="small" columns={bookingColumns} dataSource={bookings.data ?? []} loading={bookings.isLoading}
            pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} data-testid="venue-bookings" />
        ) : <Empty description="尚未登记场所" />}
      </Card>
      <Card title="每月使用时长">
        <Table rowKey={(u) => `${u.roomId}-${u.month}`} size="small" dataSource={usage.data ?? []} loading={usage.isLoading} pagination={false}
          columns={[
            { title: '月份', dataIndex: 'month', key: 'month', width: 100 },
            { title: '社工站', dataIndex: 'stationName', key: 'station', width: 240 },
            { title: '场所', dataIndex: 'roomName', key: 'room', width: 160 },
            { title: '预约次数', dataIndex: 'bookings', key: 'bookings', width: 90 },
            { title: '使用时长（小时）', dataIndex: 'hours', key: 'hours', width: 130 },
          ]}
        />
      </Card>
      {adding ? <RoomModal onClose={() => setAdding(false)} /> : null}
      {booking && room ? <BookingModal room={room} onClose={() => setBooking(false)} /> : null}
    </>
  );
}

function RoomModal({ onClose }: { onClose: () => void }) {
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
      <Form<RoomBody> form={form} layout="vertical" initialValues={{ opensAt: '08:30', closesAt: '17:30', openDays: [1, 2, 3, 4, 5], shared: false, capacity: 20 }}>
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

function BookingModal({ room, onClose }: { room: Room; onClose: () => void }) {
  const [form] = Form.useForm<BookingValues>();
  const book = useBook();
  const reportError = useReportError();
  const { message } = App.useApp();
  const save = async () => {
    const v = await form.validateFields();
    book.mutate(
      { ...v, roomId: room.id, startsAt: instant(v.startsAt), endsAt: instant(v.endsAt) },
      { onSuccess: () => { message.success('已预约'); onClose(); }, onError: (e) => reportError(e, form) },
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
