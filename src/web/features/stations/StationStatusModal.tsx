import { App, Form, Input, Modal, Select } from 'antd';
import type { StationDetail } from '../../../shared/contracts/stations';
import { STATION_STATUSES, STATION_STATUS_LABELS, type StationStatus } from '../../../shared/rules/station-venue';
import { isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { m } from '../../i18n';
import { useChangeStationStatus } from './stations.api';

interface StatusValues {
  status: StationStatus;
  reason: string;
}

// Suspending or revoking a station takes it out of the coverage count: ask twice.
const DRASTIC: readonly StationStatus[] = ['suspended', 'revoked'];

export function StationStatusModal({
  station,
  onClose,
  onConflict,
}: {
  station: StationDetail;
  onClose: () => void;
  onConflict: () => Promise<unknown>;
}) {
  const [form] = Form.useForm<StatusValues>();
  const change = useChangeStationStatus(station.id);
  const report = useReportError();
  const { message, modal } = App.useApp();

  const send = (v: StatusValues) =>
    change.mutate(
      { version: station.version, status: v.status, reason: v.reason },
      {
        onSuccess: () => {
          message.success(m.stations.statusChanged);
          onClose();
        },
        onError: (e) => {
          if (isApiError(e, 'VERSION_CONFLICT')) {
            message.warning(m.common.versionConflict, 6);
            void onConflict();
            return;
          }
          report(e, form);
        },
      },
    );

  const onFinish = (v: StatusValues) => {
    if (!DRASTIC.includes(v.status)) return send(v);
    modal.confirm({
      title: m.stations.confirmStatusTitle(STATION_STATUS_LABELS[v.status]),
      content: m.stations.confirmStatusContent,
      okText: m.common.confirm,
      okButtonProps: { danger: true },
      cancelText: m.common.cancel,
      onOk: () => send(v),
    });
  };

  return (
    <Modal
      open
      title={m.stations.changeStatusTitle}
      okText={m.common.confirm}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Form<StatusValues> form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending}>
        <Form.Item label={m.stations.newStatus} name="status" rules={[{ required: true, message: m.stations.newStatusRequired }]}>
          <Select
            options={STATION_STATUSES.filter((s) => s !== station.status).map((s) => ({
              value: s,
              label: STATION_STATUS_LABELS[s],
            }))}
          />
        </Form.Item>
        <Form.Item
          label={m.stations.reason}
          name="reason"
          rules={[{ required: true, whitespace: true, message: m.stations.reasonRequired }]}
        >
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
