import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { useActionError } from '../clients/useActionError';
import { useOpenCase } from './cases.api';

const t = m.daily.cases;

interface OpenValues {
  intakeNote: string;
  nextFollowUp?: Dayjs | null;
}

/** 接案: the intake note and, optionally, when to follow up; then on to the case. */
export function OpenCaseModal({ clientId, clientName, onClose }: { clientId: string; clientName: string; onClose: () => void }) {
  const [form] = Form.useForm<OpenValues>();
  const open = useOpenCase();
  const { handle } = useActionError();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const onFinish = (v: OpenValues) =>
    open.mutate(
      { clientId, intakeNote: v.intakeNote.trim(), nextFollowUp: v.nextFollowUp ? v.nextFollowUp.format('YYYY-MM-DD') : null },
      {
        onSuccess: (c) => {
          message.success(t.opened);
          onClose();
          void navigate(`/cases/${c.id}`);
        },
        onError: (e) => handle(e, { form }),
      },
    );
  return (
    <Modal
      open
      title={`${t.openTitle}：${clientName}`}
      okText={t.openCase}
      cancelText={m.common.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={open.isPending}
      destroyOnHidden
    >
      <Form<OpenValues> form={form} layout="vertical" onFinish={onFinish} disabled={open.isPending}>
        <Form.Item label={t.intakeNote} name="intakeNote" rules={[{ required: true, whitespace: true, message: t.intakeNoteRequired }]}>
          <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 4, maxRows: 10 }} placeholder={t.intakeNotePlaceholder} />
        </Form.Item>
        <Form.Item label={t.nextFollowUp} name="nextFollowUp">
          <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
