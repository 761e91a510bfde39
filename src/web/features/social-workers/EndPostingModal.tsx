import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Posting, WorkerDetail } from '../../../shared/contracts/social-workers';
import { chinaToday } from '../../../shared/rules/china-date';
import { useReportError } from '../../lib/errors';
import { m } from '../../i18n';
import { useEndPosting } from './social-workers.api';

const t = m.staffing.postings;

interface EndValues {
  endDate: Dayjs | null;
  reason: string;
}

/** 离岗: a date (not before the start, not after today) and a reason, then a confirmation. */
export function EndPostingModal({
  worker,
  posting,
  onClose,
}: {
  worker: WorkerDetail;
  posting: Posting;
  onClose: () => void;
}) {
  const [form] = Form.useForm<EndValues>();
  const end = useEndPosting();
  const report = useReportError();
  const { message, modal } = App.useApp();

  const onFinish = (v: EndValues) => {
    if (!v.endDate) return;
    const endDate = v.endDate.format('YYYY-MM-DD');
    modal.confirm({
      title: t.confirmEndTitle(worker.name, endDate),
      content: t.confirmEndContent,
      okText: m.common.confirm,
      okButtonProps: { danger: true },
      cancelText: m.common.cancel,
      onOk: () =>
        end
          .mutateAsync({ postingId: posting.id, body: { endDate, reason: v.reason } })
          .then(() => {
            message.success(t.ended);
            onClose();
          })
          .catch((e: unknown) => report(e, form)),
    });
  };

  const outOfRange = (d: Dayjs) => {
    const day = d.format('YYYY-MM-DD');
    return day < posting.startDate || day > chinaToday();
  };

  return (
    <Modal
      open
      title={`${t.endTitle}：${worker.name}（${posting.stationName}）`}
      okText={t.end}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={end.isPending}
      destroyOnHidden
    >
      <Form<EndValues>
        form={form}
        layout="vertical"
        initialValues={{ endDate: dayjs(), reason: '' }}
        onFinish={onFinish}
        disabled={end.isPending}
      >
        <Form.Item label={t.endDate} name="endDate" rules={[{ required: true, message: t.endDateRequired }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={outOfRange} />
        </Form.Item>
        <Form.Item label={t.endReason} name="reason" rules={[{ required: true, whitespace: true, message: t.endReasonRequired }]}>
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
