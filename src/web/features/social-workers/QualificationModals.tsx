import { App, Form, Modal } from 'antd';
import { useReportError } from '../../lib/errors';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import {
  CertificateFields,
  EMPTY_CERTIFICATE,
  EMPTY_TRAINING,
  TrainingFields,
  certificateBody,
  trainingBody,
  type CertificateValues,
  type TrainingValues,
} from './QualificationFields';
import { useAddCertificate, useAddTraining } from './social-workers.api';

const t = m.staffing.workers;

function useModalProps() {
  const isMobile = useIsMobile();
  return {
    width: isMobile ? '100%' : 640,
    style: isMobile ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined,
  };
}

export function AddCertificateModal({ workerId, onClose }: { workerId: string; onClose: () => void }) {
  const [form] = Form.useForm<CertificateValues>();
  const add = useAddCertificate(workerId);
  const report = useReportError();
  const { message } = App.useApp();
  const sizing = useModalProps();
  return (
    <Modal
      open
      title={t.addCertificate}
      okText={m.common.save}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      destroyOnHidden
      {...sizing}
    >
      <Form<CertificateValues>
        form={form}
        layout="vertical"
        initialValues={EMPTY_CERTIFICATE}
        disabled={add.isPending}
        onFinish={(v) =>
          add.mutate(certificateBody(v), {
            onSuccess: () => {
              message.success(t.certAdded);
              onClose();
            },
            onError: (e) => report(e, form),
          })
        }
      >
        <CertificateFields />
      </Form>
    </Modal>
  );
}

export function AddTrainingModal({ workerId, onClose }: { workerId: string; onClose: () => void }) {
  const [form] = Form.useForm<TrainingValues>();
  const add = useAddTraining(workerId);
  const report = useReportError();
  const { message } = App.useApp();
  const sizing = useModalProps();
  return (
    <Modal
      open
      title={t.addTraining}
      okText={m.common.save}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      destroyOnHidden
      {...sizing}
    >
      <Form<TrainingValues>
        form={form}
        layout="vertical"
        initialValues={EMPTY_TRAINING}
        disabled={add.isPending}
        onFinish={(v) =>
          add.mutate(trainingBody(v), {
            onSuccess: () => {
              message.success(t.trainingAdded);
              onClose();
            },
            onError: (e) => report(e, form),
          })
        }
      >
        <TrainingFields />
      </Form>
    </Modal>
  );
}
