import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Divider, Flex, Form, Modal, Select, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { normaliseIdNumber } from '../../../shared/rules/id-number';
import type { EducationLevel } from '../../../shared/rules/staffing';
import { isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { useCurrentUser, usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { useOrgChoices } from '../organizations/organizations.api';
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
import { useCreateWorker } from './social-workers.api';
import { EMPTY_WORKER_FIELDS, IdNumberField, WorkerFields, workerEditableBody, type WorkerFieldValues } from './WorkerFields';

const t = m.staffing.workers;

interface CreateValues extends WorkerFieldValues {
  idNumber: string;
  orgId?: string;
  certificates: CertificateValues[];
  trainings: TrainingValues[];
}

/** The employer: an organisation manager's own (the server fills it in), else a select of organisations. */
function OrgField() {
  const me = useCurrentUser();
  const canReadOrgs = usePermission('org:read');
  const ownOrg = me.scope.kind === 'org';
  const { data, isPending } = useOrgChoices(!ownOrg && canReadOrgs);
  if (ownOrg)
    return (
      <Typography.Paragraph type="secondary">
        {t.org}：{me.scope.label}（{t.orgOwn}）
      </Typography.Paragraph>
    );
  if (!canReadOrgs) return null;
  return (
    <Form.Item label={t.org} name="orgId">
      <Select
        allowClear
        placeholder={t.orgPlaceholder}
        loading={isPending}
        showSearch={{ optionFilterProp: 'label' }}
        options={(data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
      />
    </Form.Item>
  );
}

/** A repeatable group (certificates, trainings): each row in a small card with its remove button. */
function RowCard({ onRemove, children }: { onRemove: () => void; children: React.ReactNode }) {
  return (
    <Card size="small" styles={{ body: { paddingBottom: 0 } }}>
      <Flex justify="end">
        <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} onClick={onRemove}>
          {t.remove}
        </Button>
      </Flex>
      {children}
    </Card>
  );
}

/** 登记社工: the ID number is checked as typed (GB 11643); birth date and sex are derived from it. */
export function CreateWorkerModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateWorker();
  const report = useReportError();
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();

  const onFinish = (v: CreateValues) => {
    if (!v.education) return;
    create.mutate(
      {
        ...workerEditableBody({ ...v, education: v.education satisfies EducationLevel }),
        idNumber: normaliseIdNumber(v.idNumber),
        orgId: v.orgId ?? null,
        certificates: (v.certificates ?? []).map(certificateBody),
        trainings: (v.trainings ?? []).map(trainingBody),
      },
      {
        onSuccess: (worker) => {
          message.success(t.created);
          onClose();
          void navigate(`/social-workers/${worker.id}`);
        },
        onError: (e) => {
          // The same ID number is registered once in the whole city: say so plainly.
          if (isApiError(e, 'CONFLICT')) {
            const onId = e.fields.find((f) => f.path === 'idNumber');
            form.setFields([{ name: 'idNumber', errors: [onId?.message ?? t.duplicate] }]);
            notification.warning({ title: t.duplicate, description: t.duplicateHint(e.message), duration: 8 });
            return;
          }
          report(e, form);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t.createTitle}
      okText={m.common.save}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      width={isMobile ? '100%' : 760}
      style={isMobile ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
      destroyOnHidden
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ ...EMPTY_WORKER_FIELDS, idNumber: '', certificates: [], trainings: [] }}
        onFinish={onFinish}
        disabled={create.isPending}
      >
        <WorkerFields idField={<IdNumberField />} />
        <OrgField />
        <Divider titlePlacement="start" plain>
          {t.optionalLists}
        </Divider>
        <Form.List name="certificates">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginBottom: 16 }}>
              {fields.map((f) => (
                <RowCard key={f.key} onRemove={() => remove(f.name)}>
                  <CertificateFields path={[f.name]} />
                </RowCard>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ ...EMPTY_CERTIFICATE })}>
                {t.addCertificate}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.List name="trainings">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f) => (
                <RowCard key={f.key} onRemove={() => remove(f.name)}>
                  <TrainingFields path={[f.name]} />
                </RowCard>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ ...EMPTY_TRAINING })}>
                {t.addTraining}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
