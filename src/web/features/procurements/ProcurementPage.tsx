import { ArrowLeftOutlined, CloseCircleOutlined, EditOutlined, GlobalOutlined, SendOutlined, TrophyOutlined, FileAddOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { Procurement } from '../../../shared/contracts/procurements';
import { PURCHASE_METHOD_LABELS, PURCHASE_RULES } from '../../../shared/rules/purchase';
import { PageHeader } from '../../components/PageHeader';
import { pageData } from '../../components/PageStates';
import { FormModal, useFormWrite } from '../../components/FormModal';
import { RuleTag } from '../../components/RuleTag';
import { formatDateTime, orDash } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { RuleAlert } from '../clients/clientLabels';
import { useActionError } from '../clients/useActionError';
import { fenOf, fenToInput, Yuan, YuanInput, yuanRules } from '../funding/money';
import { ProcurementDrawer } from './ProcurementDrawer';
import { ProcurementStatusTag } from './procurementLabels';
import { useAwardProcurement, useCancelProcurement, useProcurement, usePublishProcurement } from './procurements.api';
import { ContractorSelect, ItemTags } from './purchaseFields';

const t = m.purchase.procurements;
const c = m.purchase.common;

const pre = (s: string) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{orDash(s)}</span>;

type ModalProps = { p: Procurement; onClose: () => void; onConflict: () => unknown };
type AwardValues = { contractorOrgId: string; awardedOn: Dayjs; award: string };

function AwardModal({ p, onClose, onConflict }: ModalProps) {
  const [form] = Form.useForm<AwardValues>();
  const award = useAwardProcurement(p.id);
  const write = useFormWrite(form, { onClose, onConflict, mapPath: (path) => (path === 'awardFen' ? 'award' : path) });
  const isMobile = useIsMobile();
  return (
    <FormModal<AwardValues>
      title={t.awardTitle}
      okText={m.common.confirm}
      form={form}
      pending={award.isPending}
      onClose={onClose}
      intro={write.alert}
      initialValues={{ awardedOn: dayjs(), award: p.budgetFen > 0 ? fenToInput(p.budgetFen) : '' }}
      onFinish={(v) =>
        award.mutate(
          { version: p.version, contractorOrgId: v.contractorOrgId, awardedOn: v.awardedOn.format('YYYY-MM-DD'), awardFen: fenOf(v.award) },
          write.done(t.awarded),
        )
      }
    >
      <Form.Item label={t.contractor} name="contractorOrgId" rules={[{ required: true, message: c.select(t.contractor) }]}>
        <ContractorSelect />
      </Form.Item>
      <Form.Item label={t.awardedOn} name="awardedOn" rules={[{ required: true, message: c.dateRequired }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} />
      </Form.Item>
      <Form.Item label={t.awardFen} name="award" rules={yuanRules(t.awardFen, { required: true })}>
        <YuanInput />
      </Form.Item>
    </FormModal>
  );
}

function CancelModal({ p, onClose, onConflict }: ModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelProcurement(p.id);
  const done = useFormWrite(form, { onClose, onConflict }).done(t.cancelled);
  const { modal } = App.useApp();
  return (
    <FormModal<{ reason: string }>
      title={t.cancelTitle}
      okText={t.cancel}
      danger
      form={form}
      pending={cancel.isPending}
      onClose={onClose}
      onFinish={(v) =>
        modal.confirm({
          title: t.cancelTitle,
          content: t.cancelConfirm,
          okText: m.common.confirm,
          okButtonProps: { danger: true },
          cancelText: m.common.cancel,
          onOk: () => cancel.mutateAsync({ version: p.version, reason: v.reason.trim() }).then(done.onSuccess).catch(done.onError),
        })
      }
    >
      <Form.Item label={t.cancelReason} name="reason" rules={[{ required: true, whitespace: true, message: c.reasonRequired }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

export default function ProcurementPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const goBack = () => void (location.key !== 'default' ? navigate(-1) : navigate('/procurements'));
  const { data: p, view, refetch } = pageData(useProcurement(id), t.notFound);
  const canWrite = usePermission('procurement:write');
  const canContract = usePermission('contract:write');
  const publish = usePublishProcurement(id);
  const { handle, rule, clearRule } = useActionError();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<'edit' | 'award' | 'cancel' | null>(null);
  const isMobile = useIsMobile();

  if (view) return view;

  const open = p.status === 'draft' || p.status === 'published';
  const onPublish = () =>
    modal.confirm({
      title: t.publishTitle,
      content: t.publishConfirm,
      okText: t.publish,
      cancelText: m.common.cancel,
      onOk: () =>
        publish
          .mutateAsync({ version: p.version })
          .then(() => message.success(t.published))
          .catch((e: unknown) => handle(e, { onConflict: refetch })),
    });

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={goBack} style={{ paddingInline: 0 }}>
        {t.backToList}
      </Button>
      <PageHeader
        docTitle={`采购项目 ${p.title}`}
        title={
          <Space size={8} wrap>
            <span data-testid="procurement-title">{p.title}</span>
            <span data-testid="procurement-status">
              <ProcurementStatusTag status={p.status} />
            </span>
          </Space>
        }
        extra={
          <>
            {canWrite && open ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog('edit')}>
                {t.edit}
              </Button>
            ) : null}
            {canWrite && p.status === 'draft' ? (
              <Button type="primary" icon={<SendOutlined aria-hidden />} onClick={onPublish} loading={publish.isPending}>
                {t.publish}
              </Button>
            ) : null}
            {canWrite && p.status === 'published' ? (
              <Button type="primary" icon={<TrophyOutlined aria-hidden />} onClick={() => setDialog('award')}>
                {t.award}
              </Button>
            ) : null}
            {canWrite && open ? (
              <Button danger icon={<CloseCircleOutlined aria-hidden />} onClick={() => setDialog('cancel')}>
                {t.cancel}
              </Button>
            ) : null}
            {canContract && p.status === 'awarded' ? (
              <Button type="primary" icon={<FileAddOutlined aria-hidden />} onClick={() => void navigate(`/contracts?create=${p.id}`)}>
                {t.createContract}
              </Button>
            ) : null}
            {p.publishedAt ? (
              <Link to={`/public/procurements/${p.id}`} target="_blank">
                <Button icon={<GlobalOutlined aria-hidden />}>{t.publicPage}</Button>
              </Link>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16}>
        <RuleAlert rule={rule?.rule ?? null} message={rule?.message} onClose={clearRule} />
        <Card size="small" title={t.detail} extra={<RuleTag rule={PURCHASE_RULES['R-PROC-PUBLIC']} />}>
          <Descriptions
            bordered={!isMobile}
            layout={isMobile ? 'vertical' : 'horizontal'}
            size="small"
            column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
            styles={{ label: { whiteSpace: 'nowrap' } }}
            items={[
              { key: 'county', label: c.county, children: p.countyShortName },
              { key: 'year', label: c.year, children: p.year },
              { key: 'method', label: t.method, children: PURCHASE_METHOD_LABELS[p.method] },
              { key: 'budget', label: t.budget, children: <Yuan fen={p.budgetFen} /> },
              { key: 'announcedOn', label: t.announcedOn, children: orDash(p.announcedOn) },
              { key: 'deadlineOn', label: t.deadlineOn, children: orDash(p.deadlineOn) },
              { key: 'publishedAt', label: t.publishedAt, children: p.publishedAt ? formatDateTime(p.publishedAt) : '—' },
              { key: 'stations', label: t.stations, span: 'filled', children: p.stations.map((s) => s.name).join('、') || '—' },
              { key: 'items', label: t.items, span: 'filled', children: <ItemTags items={p.items} /> },
              { key: 'otherItems', label: t.otherItems, span: 'filled', children: pre(p.otherItems) },
              { key: 'standards', label: t.standards, span: 'filled', children: pre(p.standards) },
              { key: 'requirements', label: t.requirements, span: 'filled', children: pre(p.requirements) },
            ]}
          />
        </Card>
        <Card size="small" title={t.result} data-testid="procurement-result">
          {p.contractor ? (
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 1, md: 3 }}
              items={[
                { key: 'contractor', label: t.contractor, children: <Link to={`/organizations/${p.contractor.id}`}>{p.contractor.name}</Link> },
                { key: 'awardedOn', label: t.awardedOn, children: orDash(p.awardedOn) },
                { key: 'awardFen', label: t.awardFen, children: <Yuan fen={p.awardFen} /> },
              ]}
            />
          ) : (
            <Typography.Text type="secondary">{t.noResult}</Typography.Text>
          )}
        </Card>
      </Flex>
      {dialog === 'edit' ? <ProcurementDrawer procurement={p} onClose={() => setDialog(null)} onConflict={refetch} /> : null}
      {dialog === 'award' ? <AwardModal p={p} onClose={() => setDialog(null)} onConflict={refetch} /> : null}
      {dialog === 'cancel' ? <CancelModal p={p} onClose={() => setDialog(null)} onConflict={refetch} /> : null}
    </>
  );
}
