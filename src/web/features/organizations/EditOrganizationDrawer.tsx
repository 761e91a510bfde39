import { Form, Input } from 'antd';
import { DrawerForm, useDrawerSave } from '../../components/DrawerForm';
import { m } from '../../i18n';
import { OrgFields, orgEditableBody, orgFieldValues, type OrgFieldValues } from './OrgFields';
import { useUpdateOrganization, type OrgDetail } from './organizations.api';

const t = m.staffing.orgs;

/**
 * Edits the organisation's own fields. The version read with the page goes back with the save;
 * if someone saved first, the server answers 409 and the form reloads their version.
 */
export function EditOrganizationDrawer({
  org,
  onClose,
  onConflict,
}: {
  org: OrgDetail;
  onClose: () => void;
  onConflict: () => Promise<unknown>;
}) {
  const [form] = Form.useForm<OrgFieldValues>();
  const update = useUpdateOrganization(org.id);
  const save = useDrawerSave(form, { saved: t.updated, onClose, onConflict });
  const onFinish = (v: OrgFieldValues) => {
    if (!v.kind) return;
    update.mutate({ ...orgEditableBody({ ...v, kind: v.kind }), version: org.version }, save);
  };
  return (
    <DrawerForm<OrgFieldValues>
      title={t.editTitle}
      form={form}
      initialValues={orgFieldValues(org)}
      reload={{ version: org.version, values: orgFieldValues(org) }}
      onFinish={onFinish}
      pending={update.isPending}
      onClose={onClose}
    >
      <Form.Item label={t.creditCode} extra={t.creditCodeFixed}>
        <Input value={org.creditCode} disabled />
      </Form.Item>
      <OrgFields />
    </DrawerForm>
  );
}
