import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled, RollbackOutlined, SaveOutlined, SendOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Space,
  Typography,
  type TableProps,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { PlanDetail, PlanVersion } from '../../../shared/contracts/annual-plans';
import {
  PLAN_CONTENT_LABELS,
  PURCHASE_METHODS,
  PURCHASE_METHOD_LABELS,
  PURCHASE_RULES,
  missingPlanContents,
  type PlanContentKey,
  type PurchaseMethod,
} from '../../../shared/rules/purchase';
import { DetailTable } from '../../components/DetailTable';
import { FormModal, useFormWrite } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useDraftFlow } from '../../components/useDraftFlow';
import { pageData } from '../../components/PageStates';
import { RuleTag } from '../../components/RuleTag';
import { formatDateTime } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { fenOf, fenToInput, YuanInput, yuanRules } from '../funding/money';
import { StationsSelect, useCountyStations } from '../procurements/purchaseFields';
import { PlanCompare, planFieldText } from './PlanCompare';
import { PlanStatusTag, TimelinessTag } from './planLabels';
import { usePlan, useReviewPlan, useSubmitPlan, useUpdatePlan } from './plans.api';
import { WorkflowHistory } from './WorkflowHistory';

const t = m.purchase.plans;
const FIELDS = Object.keys(PLAN_CONTENT_LABELS) as PlanContentKey[];
const methodOptions = PURCHASE_METHODS.map((v) => ({ value: v, label: PURCHASE_METHOD_LABELS[v] }));

interface PlanValues {
  goals: string;
  budget: string;
  purchaseMethod: PurchaseMethod | null;
  contentSchedule: string;
  qualityStandards: string;
  quantityStandards: string;
  evaluationPlan: string;
  stationIds: string[];
}

function valuesOf(p: PlanDetail): PlanValues {
  const c = p.content;
  return {
    goals: c.goals,
    budget: c.budgetFen > 0 ? fenToInput(c.budgetFen) : '',
    purchaseMethod: c.purchaseMethod,
    contentSchedule: c.contentSchedule,
    qualityStandards: c.qualityStandards,
    quantityStandards: c.quantityStandards,
    evaluationPlan: c.evaluationPlan,
    stationIds: c.stationIds,
  };
}

function contentOf(v: Partial<PlanValues>): PlanDetail['content'] {
  return {
    goals: (v.goals ?? '').trim(),
    budgetFen: fenOf(v.budget),
    purchaseMethod: v.purchaseMethod ?? null,
    contentSchedule: (v.contentSchedule ?? '').trim(),
    qualityStandards: (v.qualityStandards ?? '').trim(),
    quantityStandards: (v.quantityStandards ?? '').trim(),
    evaluationPlan: (v.evaluationPlan ?? '').trim(),
    stationIds: v.stationIds ?? [],
  };
}

function sameContent(a: PlanDetail['content'], b: PlanDetail['content']): boolean {
  return FIELDS.every((k) =>
    k === 'stationIds' ? [...a.stationIds].sort().join() === [...b.stationIds].sort().join() : a[k] === b[k],
  );
}

/** 报送前检查: each required content, ticked or crossed, live while the form is edited. */
function Checklist({ missing }: { missing: PlanContentKey[] }) {
  return (
    <Card size="small" title={t.checklist} data-testid="plan-checklist">
      <Typography.Paragraph type={missing.length ? 'danger' : 'success'} style={{ marginBottom: 8 }} data-testid="plan-checklist-summary">
        {missing.length ? t.checklistMissing(missing.length) : t.checklistReady}
      </Typography.Paragraph>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {FIELDS.map((k) => {
          const ok = !missing.includes(k);
          return (
            <li key={k} data-testid={`check-${k}`} data-ok={ok ? 'yes' : 'no'} style={{ padding: '2px 0' }}>
              {ok ? (
                <CheckCircleFilled style={{ color: '#52c41a', marginInlineEnd: 6 }} aria-label="已填写" />
              ) : (
                <CloseCircleFilled style={{ color: '#ff4d4f', marginInlineEnd: 6 }} aria-label="未填写" />
              )}
              {PLAN_CONTENT_LABELS[k]}
            </li>
          );
        })}
      </ul>
      <div style={{ marginTop: 8 }}>
        <RuleTag rule={PURCHASE_RULES['R-PLAN-DUE']} />
      </div>
    </Card>
  );
}

function PlanFields({ countyCode }: { countyCode: string }) {
  const text = (name: keyof PlanValues, rows = 3) => (
    <Form.Item label={PLAN_CONTENT_LABELS[name === 'budget' ? 'budgetFen' : (name as PlanContentKey)]} name={name}>
      <Input.TextArea autoSize={{ minRows: rows, maxRows: 12 }} maxLength={name === 'contentSchedule' ? 10000 : 5000} />
    </Form.Item>
  );
  return (
    <>
      {text('goals')}
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item label={t.budgetFen} name="budget" rules={yuanRules(t.budgetFen)}>
            <YuanInput />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t.purchaseMethod} name="purchaseMethod">
            <Select<PurchaseMethod> allowClear options={methodOptions} />
          </Form.Item>
        </Col>
      </Row>
      {text('contentSchedule', 4)}
      {text('qualityStandards')}
      {text('quantityStandards')}
      {text('evaluationPlan')}
      <Form.Item label={t.stationIds} name="stationIds">
        <StationsSelect countyCode={countyCode} />
      </Form.Item>
    </>
  );
}

function PlanView({ plan, stationName }: { plan: PlanDetail; stationName: (id: string) => string }) {
  const isMobile = useIsMobile();
  return (
    <Descriptions
      bordered={!isMobile}
      layout={isMobile ? 'vertical' : 'horizontal'}
      size="small"
      column={1}
      styles={{ label: { whiteSpace: 'nowrap', width: 140 } }}
      items={FIELDS.map((k) => ({
        key: k,
        label: PLAN_CONTENT_LABELS[k],
        children: (
          <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{planFieldText(plan.content, k, stationName) || '—'}</span>
        ),
      }))}
    />
  );
}

function ReviewModal({
  plan,
  decision,
  onClose,
  onConflict,
}: {
  plan: PlanDetail;
  decision: 'filed' | 'returned';
  onClose: () => void;
  onConflict: () => unknown;
}) {
  const [form] = Form.useForm<{ comment: string }>();
  const review = useReviewPlan(plan.id);
  const returning = decision === 'returned';
  // The plan re-read after someone else decided first is shown on the page, not in this dialog.
  const write = useFormWrite(form, {
    onClose,
    onConflict: () => {
      onClose();
      return onConflict();
    },
  });
  return (
    <FormModal<{ comment: string }>
      title={returning ? t.returnTitle : t.fileTitle}
      okText={returning ? t.return : t.file}
      danger={returning}
      form={form}
      pending={review.isPending}
      onClose={onClose}
      intro={!returning ? <Typography.Paragraph>{t.fileConfirm}</Typography.Paragraph> : null}
      onFinish={(v) => review.mutate({ version: plan.version, decision, comment: v.comment?.trim() ?? '' }, write.done(returning ? t.returned : t.filed))}
    >
      <Form.Item
        label={returning ? t.returnComment : t.reviewComment}
        name="comment"
        rules={returning ? [{ required: true, whitespace: true, message: t.returnCommentRequired }] : []}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}

function Submissions({ versions }: { versions: PlanVersion[] }) {
  const isMobile = useIsMobile();
  const columns: TableProps<PlanVersion>['columns'] = [
    { title: '', dataIndex: 'number', key: 'number', width: 80, render: (n: number) => t.versionNo(n) },
    { title: t.submittedAt, dataIndex: 'submittedAt', key: 'submittedAt', width: 170, render: (v: string) => formatDateTime(v) },
    ...(isMobile ? [] : [{ title: t.submittedBy, dataIndex: 'submittedBy', key: 'submittedBy', width: 120 }]),
    {
      title: t.decision,
      key: 'decision',
      width: 90,
      render: (_: unknown, v: PlanVersion) =>
        v.decision ? (
          <Typography.Text type={v.decision === 'filed' ? 'success' : 'warning'}>{t.decisions[v.decision]}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t.pendingDecision}</Typography.Text>
        ),
    },
    {
      title: t.decisionComment,
      key: 'comment',
      render: (_: unknown, v: PlanVersion) =>
        v.decidedAt ? (
          <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {v.decisionComment || '—'}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {formatDateTime(v.decidedAt)} · {v.decidedBy}
            </Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card size="small" title={t.submissions} data-testid="plan-versions">
      <DetailTable<PlanVersion>
        rowKey="number"
        columns={columns}
        rows={[...versions].sort((a, b) => b.number - a.number)}
        scrollX={isMobile ? 480 : undefined}
        empty={t.noSubmissions}
      />
    </Card>
  );
}

export default function AnnualPlanPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const goBack = () => void (location.key !== 'default' ? navigate(-1) : navigate('/annual-plans'));
  const { data: plan, view, refetch } = pageData(usePlan(id), t.notFound);
  if (view) return view;
  return <PlanScreen plan={plan} goBack={goBack} refetch={refetch} />;
}

function PlanScreen({ plan, goBack, refetch }: { plan: PlanDetail; goBack: () => void; refetch: () => Promise<unknown> }) {
  const canWrite = usePermission('plan:write');
  const canFile = usePermission('plan:file');
  const editable = canWrite && (plan.status === 'draft' || plan.status === 'returned');
  const [form] = Form.useForm<PlanValues>();
  const watched = Form.useWatch((values: Partial<PlanValues>) => values, form) as Partial<PlanValues> | undefined;
  const update = useUpdatePlan(plan.id);
  const submit = useSubmitPlan(plan.id);
  const [reviewing, setReviewing] = useState<'filed' | 'returned' | null>(null);
  const stations = useCountyStations(plan.countyCode);

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const s of stations.data?.items ?? []) map.set(s.id, s.name);
    for (const s of plan.stationNames) map.set(s.id, s.name);
    return map;
  }, [stations.data, plan.stationNames]);
  const stationName = (sid: string) => names.get(sid) ?? sid;

  // A save or someone else's change brings a new version: show what the server holds.
  const shownVersion = useRef(plan.version);
  useEffect(() => {
    if (shownVersion.current === plan.version) return;
    shownVersion.current = plan.version;
    form.setFieldsValue(valuesOf(plan));
  }, [plan, form]);

  const current = editable && watched ? contentOf(watched) : plan.content;
  const missing = missingPlanContents(current);
  const dirty = editable && watched !== undefined && !sameContent(current, plan.content);

  const { onSave, onSubmit } = useDraftFlow(form, {
    version: plan.version,
    dirty,
    save: (v) => update.mutateAsync({ ...contentOf(v), version: plan.version }),
    submit: (version) => submit.mutateAsync({ version }),
    refetch,
    blocked: missing.length > 0 ? t.submitBlocked : null,
    texts: t,
    confirmContent: t.submitConfirm(plan.dueOn),
  });

  const busy = update.isPending || submit.isPending;
  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={goBack} style={{ paddingInline: 0 }}>
        {t.backToList}
      </Button>
      <PageHeader
        docTitle={t.planTitle(plan.countyShortName, plan.year)}
        title={
          <Space size={8} wrap>
            <span data-testid="plan-title">{t.planTitle(plan.countyShortName, plan.year)}</span>
            <span data-testid="plan-status">
              <PlanStatusTag status={plan.status} />
            </span>
            <TimelinessTag timeliness={plan.timeliness} />
          </Space>
        }
        extra={
          <>
            {editable ? (
              <>
                <Button icon={<SaveOutlined aria-hidden />} onClick={onSave} loading={update.isPending} disabled={busy}>
                  {t.save}
                </Button>
                <Button type="primary" icon={<SendOutlined aria-hidden />} onClick={onSubmit} disabled={busy || missing.length > 0}>
                  {t.submit}
                </Button>
              </>
            ) : null}
            {canFile && plan.status === 'submitted' ? (
              <>
                <Button type="primary" icon={<SafetyCertificateOutlined aria-hidden />} onClick={() => setReviewing('filed')}>
                  {t.file}
                </Button>
                <Button danger icon={<RollbackOutlined aria-hidden />} onClick={() => setReviewing('returned')}>
                  {t.return}
                </Button>
              </>
            ) : null}
          </>
        }
      >
        <Typography.Text type="secondary">
          {m.purchase.plans.dueOn(plan.dueOn)}
          {plan.firstSubmittedAt ? ` · ${t.firstSubmittedAt} ${formatDateTime(plan.firstSubmittedAt)}` : ''}
        </Typography.Text>
      </PageHeader>
      <Flex vertical gap={16}>
        {plan.status === 'returned' ? (
          <Alert type="warning" showIcon data-testid="plan-returned" title={t.returnedNotice} description={plan.lastComment || undefined} />
        ) : null}
        {plan.status === 'submitted' ? <Alert type="info" showIcon title={t.submittedNotice} /> : null}
        {plan.status === 'filed' ? <Alert type="success" showIcon title={t.filedNotice} description={plan.lastComment || undefined} /> : null}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Card size="small" title={t.contents} extra={dirty ? <Typography.Text type="warning">{t.unsavedHint}</Typography.Text> : null}>
              {editable ? (
                <Form<PlanValues> form={form} layout="vertical" initialValues={valuesOf(plan)} disabled={busy} data-testid="plan-form">
                  <PlanFields countyCode={plan.countyCode} />
                </Form>
              ) : (
                <PlanView plan={plan} stationName={stationName} />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Flex vertical gap={16}>
              {plan.status === 'draft' || plan.status === 'returned' ? <Checklist missing={missing} /> : null}
              <WorkflowHistory events={plan.history} />
            </Flex>
          </Col>
        </Row>
        <Submissions versions={plan.submissions} />
        <PlanCompare versions={plan.submissions} stationName={stationName} />
      </Flex>
      {reviewing ? <ReviewModal plan={plan} decision={reviewing} onClose={() => setReviewing(null)} onConflict={refetch} /> : null}
    </>
  );
}
