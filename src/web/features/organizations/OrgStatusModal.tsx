import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { ORG_STATUSES, ORG_STATUS_LABELS, type OrgStatus } from '../../../shared/rules/organizations';
import { isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { m } from '../../i18n';
import { useChangeOrgStatus, type OrgDetail } from './organizations.api';

const t = m.staffing.orgs;

interface StatusValues {
  status: OrgStatus;
  reason: string;
}

const CONSEQUENCE: Record<OrgStatus, string> = {
  active: t.confirmActive,
  suspended: t.confirmSuspend,
  barred: t.confirmBarred,
};

/** 正常 / 暂停 / 禁入 with a reason; every change is confirmed, 禁入 with its consequence spelled out. */
export function OrgStatusModal({
  org,
  onClose,
  onConflict,
}: {
  org: OrgDetail;
  onClose: () => void;
  onConflict: () => Promise<unknown>;
}) {
  const [form] = Form.useForm<StatusValues>();
  const next = Form.useWatch('status', form);
  const change = useChangeOrgStatus(org.id);
  const report = useReportError();
  const { message, modal } = App.useApp();

  const send = (v: StatusValues) =>
    change
      .mutateAsync({ version: org.version, status: v.status, reason: v.reason })
      .then(() => {
        message.success(t.statusChanged);
        onClose();
      })
      .catch((e: unknown) => {
        if (isApiError(e, 'VERSION_CONFLICT')) {
          message.warning(m.common.versionConflict, 6);
          void onConflict();
          return;
        }
        report(e, form);
      });

  const onFinish = (v: StatusValues) =>
    modal.confirm({
      title: t.confirmStatusTitle(org.name, ORG_STATUS_LABELS[v.status]),
      content: CONSEQUENCE[v.status],
      okText: m.common.confirm,
      okButtonProps: { danger: v.status !== 'active' },
      cancelText: m.common.cancel,
      onOk: () => send(v),
    });

  return (
    <Modal
      open
      title={t.changeStatusTitle}
      okText={m.common.confirm}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Form<StatusValues> form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending}>
        <Form.Item label={t.newStatus} name="status" rules={[{ required: true, message: t.newStatusRequired }]}>
          <Select
            options={ORG_STATUSES.filter((s) => s !== org.status).map((s) => ({ value: s, label: ORG_STATUS_LABELS[s] }))}
          />
        </Form.Item>
        {next === 'barred' ? (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t.confirmBarred} />
        ) : null}
        <Form.Item
          label={t.reason}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t.reasonRequired }]}
        >
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
