import { App, Button, Drawer, Flex, Form, Input } from 'antd';
import { useEffect, useRef } from 'react';
import { isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { useIsMobile } from '../../lib/useIsMobile';
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
  const report = useReportError();
  const { message } = App.useApp();
  const isMobile = useIsMobile();

  // After a conflict the page re-reads the organisation: show the other person's saved values.
  const shownVersion = useRef(org.version);
  useEffect(() => {
    if (shownVersion.current === org.version) return;
    shownVersion.current = org.version;
    form.setFieldsValue(orgFieldValues(org));
  }, [org, form]);

  const onFinish = (v: OrgFieldValues) => {
    if (!v.kind) return;
    update.mutate(
      { ...orgEditableBody({ ...v, kind: v.kind }), version: org.version },
      {
        onSuccess: () => {
          message.success(t.updated);
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
      <Form<OrgFieldValues>
        form={form}
        layout="vertical"
        initialValues={orgFieldValues(org)}
        onFinish={onFinish}
        disabled={update.isPending}
      >
        <Form.Item label={t.creditCode} extra={t.creditCodeFixed}>
          <Input value={org.creditCode} disabled />
        </Form.Item>
        <OrgFields />
      </Form>
    </Drawer>
  );
}
