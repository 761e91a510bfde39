import { App, Button, Drawer, Flex, Form, Typography } from 'antd';
import dayjs from 'dayjs';
import type { WorkerDetail } from '../../../shared/contracts/social-workers';
import { isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { useUpdateWorker } from './social-workers.api';
import { WorkerFields, workerEditableBody, type WorkerFieldValues } from './WorkerFields';

const t = m.staffing.workers;

/**
 * Edits a worker's own fields (the ID number is fixed). The screen only has the phone masked,
 * so the phone field starts empty and an empty field keeps the stored number.
 */
export function EditWorkerDrawer({ worker, onClose, onConflict }: { worker: WorkerDetail; onClose: () => void; onConflict: () => Promise<unknown> }) {
  const [form] = Form.useForm<WorkerFieldValues>();
  const update = useUpdateWorker(worker.id);
  const report = useReportError();
  const { message } = App.useApp();
  const isMobile = useIsMobile();

  const onFinish = (v: WorkerFieldValues) => {
    if (!v.education) return;
    const { phone, ...body } = workerEditableBody({ ...v, education: v.education });
    update.mutate(
      { ...body, ...(phone ? { phone } : {}), version: worker.version },
      {
        onSuccess: () => {
          message.success(t.edited);
          onClose();
        },
        onError: (e) => {
          if (isApiError(e, 'VERSION_CONFLICT')) {
            message.warning(m.common.versionConflict, 6);
            void onConflict();
            onClose();
            return;
          }
          report(e, form);
        },
      },
    );
  };

  return (
    <Drawer
      title={t.editTitle}
      open
      onClose={onClose}
      size={isMobile ? '100%' : 640}
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{m.common.cancel}</Button>
          <Button type="primary" loading={update.isPending} onClick={() => form.submit()}>
            {m.common.save}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t.editPhoneNote(worker.phoneMasked || '—')}</Typography.Paragraph>
      <Form<WorkerFieldValues>
        form={form}
        layout="vertical"
        initialValues={{
          name: worker.name,
          phone: '',
          education: worker.education,
          major: worker.major,
          school: worker.school,
          graduatedOn: worker.graduatedOn ? dayjs(worker.graduatedOn) : null,
        }}
        onFinish={onFinish}
        disabled={update.isPending}
      >
        <WorkerFields />
      </Form>
    </Drawer>
  );
}
