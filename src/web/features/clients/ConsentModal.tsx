import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ClientDetail } from '../../../shared/contracts/clients';
import { CONSENT_KINDS, CONSENT_KIND_LABELS, type ConsentKind } from '../../../shared/rules/clients';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { useAddConsent } from './clients.api';
import { useActionError } from './useActionError';

const t = m.daily.clients;

interface ConsentValues {
  kind: ConsentKind;
  givenBy: string;
  relation?: string;
  givenOn: Dayjs;
  scope?: string;
}

/** 记录同意: a sensitive-data consent, or a guardian's consent for a child under 14. */
export function ConsentModal({ client, onClose }: { client: ClientDetail; onClose: () => void }) {
  const [form] = Form.useForm<ConsentValues>();
  const add = useAddConsent(client.id);
  const { handle } = useActionError();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const onFinish = (v: ConsentValues) =>
    add.mutate(
      {
        kind: v.kind,
        givenBy: v.givenBy.trim(),
        relation: v.relation?.trim() ?? '',
        givenOn: v.givenOn.format('YYYY-MM-DD'),
        scope: v.scope?.trim() ?? '',
      },
      {
        onSuccess: () => {
          message.success(t.consentAdded);
          onClose();
        },
        onError: (e) => handle(e, { form }),
      },
    );
  return (
    <Modal
      open
      title={t.addConsent}
      okText={m.common.save}
      cancelText={m.common.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t.consentsHint} style={{ marginBottom: 16 }} />
      <Form<ConsentValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={add.isPending}
        initialValues={{ kind: 'sensitive', givenOn: dayjs(), givenBy: client.guardian?.name ?? client.name, relation: client.guardian?.relation ?? '本人' }}
      >
        <Form.Item label={t.consentKind} name="kind" rules={[{ required: true, message: t.consentKindRequired }]}>
          <Select options={CONSENT_KINDS.map((k) => ({ value: k, label: CONSENT_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item label={t.givenBy} name="givenBy" rules={[{ required: true, whitespace: true, message: t.givenByRequired }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label={t.relation} name="relation">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item label={t.givenOn} name="givenOn" rules={[{ required: true, message: t.givenOnRequired }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label={t.consentScope} name="scope">
          <Input maxLength={200} placeholder={t.consentScopePlaceholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
