import { App, Form, Modal } from 'antd';
import { useNavigate } from 'react-router';
import { useReportError } from '../../lib/errors';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { CreditCodeField, EMPTY_ORG_FIELDS, OrgFields, orgEditableBody, type OrgFieldValues } from './OrgFields';
import { useCreateOrganization } from './organizations.api';

const t = m.staffing.orgs;

interface CreateValues extends OrgFieldValues {
  creditCode: string;
}

/** 登记机构: the credit code is checked as it is typed (GB 32100) and fixed once registered. */
export function CreateOrganizationModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateOrganization();
  const report = useReportError();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();

  const onFinish = (v: CreateValues) => {
    if (!v.kind) return;
    create.mutate(
      { ...orgEditableBody({ ...v, kind: v.kind }), creditCode: v.creditCode.trim().toUpperCase() },
      {
        onSuccess: (org) => {
          message.success(t.created);
          onClose();
          void navigate(`/organizations/${org.id}`);
        },
        onError: (e) => report(e, form),
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
      width={isMobile ? '100%' : 720}
      style={isMobile ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
      destroyOnHidden
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ ...EMPTY_ORG_FIELDS, creditCode: '' }}
        onFinish={onFinish}
        disabled={create.isPending}
      >
        <CreditCodeField />
        <OrgFields />
      </Form>
    </Modal>
  );
}
