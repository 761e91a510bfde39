import { App, Button, Card, Col, Divider, Form, InputNumber, Row, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import type { SecurityPolicy } from '../../../shared/contracts/security';
import { PageHeader } from '../../components/PageHeader';
import { pageData } from '../../components/PageStates';
import { isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { m } from '../../i18n';
import { useSecurityPolicy, useUpdateSecurityPolicy } from './security.api';

interface NumberField {
  name: keyof SecurityPolicy;
  label: string;
  min: number;
  max: number;
  extra?: string;
}

// Bounds mirror the contract so the form refuses what the server would refuse.
const PASSWORD_FIELDS: NumberField[] = [
  { name: 'minLength', label: m.security.minLength, min: 8, max: 64 },
  { name: 'minClasses', label: m.security.minClasses, min: 1, max: 4, extra: m.security.minClassesHint },
  { name: 'rotationDays', label: m.security.rotationDays, min: 0, max: 365, extra: m.security.rotationHint },
];
const LOGIN_FIELDS: NumberField[] = [
  { name: 'maxFailedLogins', label: m.security.maxFailedLogins, min: 3, max: 10 },
  { name: 'lockMinutes', label: m.security.lockMinutes, min: 5, max: 1440 },
  { name: 'idleMinutes', label: m.security.idleMinutes, min: 5, max: 120 },
  { name: 'absoluteHours', label: m.security.absoluteHours, min: 1, max: 24 },
];

function NumberItems({ fields }: { fields: NumberField[] }) {
  return (
    <Row gutter={16}>
      {fields.map((f) => (
        <Col xs={24} sm={12} key={f.name}>
          <Form.Item label={f.label} name={f.name} extra={f.extra} rules={[{ required: true, type: 'integer', min: f.min, max: f.max }]}>
            <InputNumber min={f.min} max={f.max} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

export default function SecurityPolicyPage() {
  const { data, view, refetch } = pageData(useSecurityPolicy());
  const save = useUpdateSecurityPolicy();
  const [form] = Form.useForm<SecurityPolicy>();
  const report = useReportError();
  const { message } = App.useApp();

  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);

  if (view) return view;

  const onFinish = (v: SecurityPolicy) =>
    save.mutate(
      { ...v, version: data.version },
      {
        onSuccess: () => message.success(m.security.saved),
        onError: (e) => {
          if (isApiError(e, 'VERSION_CONFLICT')) {
            message.warning(m.common.versionConflict, 6);
            void refetch();
            return;
          }
          report(e, form);
        },
      },
    );

  return (
    <>
      <PageHeader title={m.security.title} />
      <Card style={{ maxWidth: 760 }}>
        <Typography.Text type="secondary">{m.security.updatedAt(formatDateTime(data.updatedAt))}</Typography.Text>
        <Form<SecurityPolicy> form={form} layout="vertical" initialValues={data} onFinish={onFinish} disabled={save.isPending} style={{ marginTop: 16 }}>
          <Divider titlePlacement="start">{m.security.passwordGroup}</Divider>
          <NumberItems fields={PASSWORD_FIELDS} />
          <Divider titlePlacement="start">{m.security.loginGroup}</Divider>
          <NumberItems fields={LOGIN_FIELDS} />
          <Form.Item label={m.security.totpAllRoles} name="totpAllRoles" valuePropName="checked" extra={m.security.totpAllRolesHint}>
            <Switch />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {m.common.save}
          </Button>
        </Form>
      </Card>
    </>
  );
}
