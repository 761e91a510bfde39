import { App, Button, Card, Descriptions, Form, Input, Space, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { ROLE_LABELS, SCOPE_KIND_LABELS } from '../../../shared/permissions';
import { PageHeader } from '../../components/PageHeader';
import { useReportError } from '../../lib/errors';
import { useCurrentUser } from '../../lib/permissions';
import { m } from '../../i18n';
import { useUpdateProfile } from './auth.api';

export default function ProfilePage() {
  const me = useCurrentUser();
  const [form] = Form.useForm<{ displayName: string }>();
  const update = useUpdateProfile();
  const report = useReportError();
  const { message } = App.useApp();
  const navigate = useNavigate();

  return (
    <>
      <PageHeader title={m.profile.title} />
      <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 640 }}>
        <Card>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={m.profile.username}>{me.username}</Descriptions.Item>
            <Descriptions.Item label={m.profile.roles}>
              {me.roles.map((r) => (
                <Tag key={r} color="geekblue">
                  {ROLE_LABELS[r]}
                </Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={m.profile.scope}>
              {me.scope.kind === 'none' ? SCOPE_KIND_LABELS.none : `${SCOPE_KIND_LABELS[me.scope.kind]}：${me.scope.label}`}
            </Descriptions.Item>
          </Descriptions>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ displayName: me.displayName }}
            disabled={update.isPending}
            onFinish={(values) =>
              update.mutate(values, {
                onSuccess: () => message.success(m.profile.saved),
                onError: (e) => report(e, form),
              })
            }
            style={{ marginTop: 16 }}
          >
            <Form.Item
              label={m.profile.displayName}
              name="displayName"
              rules={[{ required: true, whitespace: true, message: m.profile.displayNameRequired }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {m.common.save}
            </Button>
          </Form>
        </Card>
        <Card title={m.profile.security}>
          <Space orientation="vertical">
            <span>{m.profile.idle(me.idleMinutes)}</span>
            <Button onClick={() => void navigate('/change-password')}>{m.profile.changePassword}</Button>
          </Space>
        </Card>
      </Space>
    </>
  );
}
