import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Flex, Form, Input, Select, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { z } from 'zod';
import type { referralSchema } from '../../../shared/contracts/service-records';
import { REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, type ReferralStatus } from '../../../shared/rules/case-work';
import { PARTNER_KIND_LABELS } from '../../../shared/rules/partners';
import { FormModal, useFormWrite } from '../../components/FormModal';
import { LoadError } from '../../components/PageStates';
import { PermissionGate } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { NoAccess } from '../clients/clientLabels';
import { usePartners } from '../partners/partners.api';
import { useCreateReferral, useReferrals, useUpdateReferral } from './referrals.api';

const t = m.daily.referrals;
type Referral = z.infer<typeof referralSchema>;

const STATUS_COLORS: Record<ReferralStatus, string> = { pending: 'processing', accepted: 'blue', completed: 'success', declined: 'default' };

interface CreateValues {
  partnerId?: string;
  reason: string;
  referredOn: Dayjs;
}

/**
 * The partner directory of the user's county: a few dozen bodies at most, loaded once and
 * filtered here as the user types (name, kind or the services they offer).
 */
function PartnerSelect(props: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const { data, isPending } = usePartners({ active: 'true', pageSize: 200 });
  return (
    <Select<string>
      {...props}
      size="large"
      showSearch={{ optionFilterProp: ['label', 'services'] }}
      placeholder={t.partnerSearch}
      loading={isPending}
      notFoundContent={isPending ? <Spin size="small" /> : undefined}
      options={(data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name}（${PARTNER_KIND_LABELS[p.kind]}）`,
        title: p.name,
        services: p.services,
      }))}
    />
  );
}

function CreateReferralModal({ clientId, onClose }: { clientId: string; onClose: () => void }) {
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateReferral();
  const write = useFormWrite(form, { onClose });
  const isMobile = useIsMobile();
  return (
    <FormModal<CreateValues>
      title={t.createTitle}
      okText={t.create}
      form={form}
      pending={create.isPending}
      onClose={onClose}
      initialValues={{ referredOn: dayjs() }}
      onFinish={(v) =>
        create.mutate(
          { clientId, partnerId: v.partnerId ?? '', reason: v.reason.trim(), referredOn: v.referredOn.format('YYYY-MM-DD') },
          write.done(t.created),
        )
      }
    >
      <Form.Item label={t.partner} name="partnerId" rules={[{ required: true, message: t.partnerRequired }]}>
        <PartnerSelect />
      </Form.Item>
      <Form.Item label={t.reason} name="reason" rules={[{ required: true, whitespace: true, message: t.reasonRequired }]}>
        <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <Form.Item label={t.referredOn} name="referredOn" rules={[{ required: true, message: t.referredOnRequired }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
    </FormModal>
  );
}

type UpdateValues = { status: ReferralStatus; outcome?: string };

function UpdateReferralModal({ referral, onClose }: { referral: Referral; onClose: () => void }) {
  const [form] = Form.useForm<UpdateValues>();
  const update = useUpdateReferral();
  const write = useFormWrite(form, { onClose });
  return (
    <FormModal<UpdateValues>
      title={`${t.updateTitle}：${referral.partnerName}`}
      form={form}
      pending={update.isPending}
      onClose={onClose}
      initialValues={{ status: referral.status, outcome: referral.outcome }}
      onFinish={(v) =>
        update.mutate({ id: referral.id, body: { version: referral.version, status: v.status, outcome: v.outcome?.trim() ?? '' } }, write.done(t.updated))
      }
    >
      <Form.Item label={t.status} name="status" rules={[{ required: true, message: t.newStatusRequired }]}>
        <Select options={REFERRAL_STATUSES.map((s) => ({ value: s, label: REFERRAL_STATUS_LABELS[s] }))} />
      </Form.Item>
      <Form.Item label={t.outcome} name="outcome">
        <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
    </FormModal>
  );
}

/** 转介: the client's referrals to partner bodies (司法、卫健、残联 …) and how each went. */
export function ReferralsTab({ clientId }: { clientId: string }) {
  const { data, isPending, error, refetch } = useReferrals({ clientId, pageSize: 50 });
  const [creating, setCreating] = useState(false);
  const [updating, setUpdating] = useState<Referral | null>(null);
  return (
    <Flex vertical gap={12} data-testid="client-referrals">
      <PermissionGate permission="client:write">
        <Button icon={<PlusOutlined aria-hidden />} size="large" onClick={() => setCreating(true)} style={{ alignSelf: 'start' }}>
          {t.create}
        </Button>
      </PermissionGate>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <Spin />
      ) : (data?.items.length ?? 0) === 0 ? (
        <Empty description={t.empty} />
      ) : (
        data?.items.map((r) => (
          <Card key={r.id} size="small">
            <Flex justify="space-between" align="start" gap={8} wrap>
              <Typography.Text strong>
                {r.partnerName}
                <Typography.Text type="secondary">（{PARTNER_KIND_LABELS[r.partnerKind]}）</Typography.Text>
              </Typography.Text>
              <Tag color={STATUS_COLORS[r.status]}>{REFERRAL_STATUS_LABELS[r.status]}</Tag>
            </Flex>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {t.referredOn} {r.referredOn}
            </Typography.Text>
            <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{r.reason === null ? <NoAccess /> : r.reason}</div>
            {r.outcome ? (
              <div style={{ marginTop: 4 }}>
                <Typography.Text type="secondary">{t.outcome}：</Typography.Text>
                {r.outcome}
              </div>
            ) : null}
            <PermissionGate permission="client:write">
              <Button size="small" style={{ marginTop: 8 }} onClick={() => setUpdating(r)}>
                {t.updateStatus}
              </Button>
            </PermissionGate>
          </Card>
        ))
      )}
      {creating ? <CreateReferralModal clientId={clientId} onClose={() => setCreating(false)} /> : null}
      {updating ? <UpdateReferralModal referral={updating} onClose={() => setUpdating(null)} /> : null}
    </Flex>
  );
}
