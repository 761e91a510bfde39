import { Form, Typography } from 'antd';
import dayjs from 'dayjs';
import type { WorkerDetail } from '../../../shared/contracts/social-workers';
import { DrawerForm, useDrawerSave } from '../../components/DrawerForm';
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
  // After a conflict the drawer closes: the page shows the other person's saved worker.
  const save = useDrawerSave(form, {
    saved: t.edited,
    onClose,
    onConflict: () => {
      onClose();
      return onConflict();
    },
  });
  const onFinish = (v: WorkerFieldValues) => {
    if (!v.education) return;
    const { phone, ...body } = workerEditableBody({ ...v, education: v.education });
    update.mutate({ ...body, ...(phone ? { phone } : {}), version: worker.version }, save);
  };
  return (
    <DrawerForm<WorkerFieldValues>
      title={t.editTitle}
      form={form}
      intro={<Typography.Paragraph type="secondary">{t.editPhoneNote(worker.phoneMasked || '—')}</Typography.Paragraph>}
      initialValues={{
        name: worker.name,
        phone: '',
        education: worker.education,
        major: worker.major,
        school: worker.school,
        graduatedOn: worker.graduatedOn ? dayjs(worker.graduatedOn) : null,
      }}
      onFinish={onFinish}
      pending={update.isPending}
      onClose={onClose}
    >
      <WorkerFields />
    </DrawerForm>
  );
}
