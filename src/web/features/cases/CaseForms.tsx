import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import type { CaseDto } from '../../../shared/contracts/cases';
import { CASE_APPROVAL_LABELS } from '../../../shared/rules/case-work';
import { SERVICE_DOMAINS, SERVICE_DOMAIN_LABELS, type ServiceDomain } from '../../../shared/rules/organizations';
import { m } from '../../i18n';
import { RuleAlert } from '../clients/clientLabels';
import { useActionError } from '../clients/useActionError';
import { catalogueOptions, useCatalogue } from '../service-records/records.api';
import { useAdvanceCase, useDecideCase } from './cases.api';

const t = m.daily.cases;
const ACHIEVED = ['yes', 'partly', 'no'] as const;
type Achieved = (typeof ACHIEVED)[number];

interface StepFormProps {
  c: CaseDto;
  onConflict: () => unknown;
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return <Button danger type="text" icon={<DeleteOutlined aria-hidden />} aria-label={label} onClick={onClick} />;
}

/** 预估: the client's needs, one line per need, each under a service domain. */
export function AssessmentForm({ c, onConflict }: StepFormProps) {
  const [form] = Form.useForm<{ needs: { domain?: ServiceDomain; need: string }[] }>();
  const advance = useAdvanceCase(c.id);
  const { handle, rule, clearRule } = useActionError();
  const { message } = App.useApp();
  const onFinish = (v: { needs: { domain?: ServiceDomain; need: string }[] }) => {
    clearRule();
    advance.mutate(
      { to: 'assessment', version: c.version, needs: v.needs.map((n) => ({ domain: n.domain ?? 'other', need: n.need.trim() })) },
      { onSuccess: () => message.success(t.assessed), onError: (e) => handle(e, { form, onConflict }) },
    );
  };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} disabled={advance.isPending} initialValues={{ needs: c.needs ?? [{ need: '' }] }} data-testid="assessment-form">
      <Typography.Paragraph type="secondary">{t.needsHint}</Typography.Paragraph>
      <Form.List name="needs">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field, i) => (
              <Card key={field.key} size="small" styles={{ body: { paddingBottom: 0 } }}>
                <Flex justify="space-between" align="center">
                  <Typography.Text strong>
                    {t.need} {i + 1}
                  </Typography.Text>
                  {fields.length > 1 ? <RemoveButton label={`${m.daily.common.remove}${t.need}${i + 1}`} onClick={() => remove(field.name)} /> : null}
                </Flex>
                <Form.Item label={t.domain} name={[field.name, 'domain']} rules={[{ required: true, message: t.domainRequired }]}>
                  <Select<ServiceDomain>
                    size="large"
                    aria-label={`${t.domain}${i + 1}`}
                    options={SERVICE_DOMAINS.map((d) => ({ value: d, label: SERVICE_DOMAIN_LABELS[d] }))}
                  />
                </Form.Item>
                <Form.Item label={t.need} name={[field.name, 'need']} rules={[{ required: true, whitespace: true, message: t.needRequired }]}>
                  <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 6 }} aria-label={`${t.need}${i + 1}`} />
                </Form.Item>
              </Card>
            ))}
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ need: '' })} style={{ alignSelf: 'start' }}>
              {t.addNeed}
            </Button>
          </Flex>
        )}
      </Form.List>
      <RuleAlert rule={rule?.rule ?? null} message={rule?.message} onClose={clearRule} />
      <Button type="primary" htmlType="submit" size="large" block loading={advance.isPending} style={{ marginTop: 16 }}>
        {t.saveAssessment}
      </Button>
    </Form>
  );
}

/** 计划: goals with the catalogue services planned for each; goes to the manager for approval. */
export function PlanForm({ c, onConflict }: StepFormProps) {
  const [form] = Form.useForm<{ goals: { goal: string; services?: string[] }[] }>();
  const advance = useAdvanceCase(c.id);
  const catalogue = useCatalogue();
  const { handle, rule, clearRule } = useActionError();
  const { message } = App.useApp();
  const resubmit = c.stage === 'planning';
  const onFinish = (v: { goals: { goal: string; services?: string[] }[] }) => {
    clearRule();
    advance.mutate(
      { to: 'planning', version: c.version, goals: v.goals.map((g) => ({ goal: g.goal.trim(), services: g.services ?? [] })) },
      { onSuccess: () => message.success(t.planSubmitted), onError: (e) => handle(e, { form, onConflict }) },
    );
  };
  const options = catalogueOptions(catalogue.data);
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={advance.isPending}
      initialValues={{ goals: c.goals && c.goals.length > 0 ? c.goals : [{ goal: '', services: [] }] }}
      data-testid="plan-form"
    >
      <Typography.Paragraph type="secondary">{t.planHint}</Typography.Paragraph>
      <Form.List name="goals">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field, i) => (
              <Card key={field.key} size="small" styles={{ body: { paddingBottom: 0 } }}>
                <Flex justify="space-between" align="center">
                  <Typography.Text strong>
                    {t.goal} {i + 1}
                  </Typography.Text>
                  {fields.length > 1 ? <RemoveButton label={`${m.daily.common.remove}${t.goal}${i + 1}`} onClick={() => remove(field.name)} /> : null}
                </Flex>
                <Form.Item name={[field.name, 'goal']} rules={[{ required: true, whitespace: true, message: t.goalRequired }]} style={{ marginTop: 8 }}>
                  <Input.TextArea maxLength={300} autoSize={{ minRows: 2, maxRows: 5 }} aria-label={`${t.goal}${i + 1}`} placeholder={t.goalPlaceholder} />
                </Form.Item>
                <Form.Item label={t.services} name={[field.name, 'services']}>
                  <Select<string[]>
                    mode="multiple"
                    size="large"
                    aria-label={`${t.services}${i + 1}`}
                    loading={catalogue.isPending}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={options}
                  />
                </Form.Item>
              </Card>
            ))}
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ goal: '', services: [] })} style={{ alignSelf: 'start' }}>
              {t.addGoal}
            </Button>
          </Flex>
        )}
      </Form.List>
      <RuleAlert rule={rule?.rule ?? null} message={rule?.message} onClose={clearRule} />
      <Button type="primary" htmlType="submit" size="large" block loading={advance.isPending} style={{ marginTop: 16 }}>
        {resubmit ? t.resubmitPlan : t.submitPlan}
      </Button>
    </Form>
  );
}

interface ResultValues {
  results: { goal: string; achieved?: Achieved; note?: string }[];
}

/** 评估: how far each goal of the plan was reached. */
export function EvaluationForm({ c, onConflict }: StepFormProps) {
  const [form] = Form.useForm<ResultValues>();
  const advance = useAdvanceCase(c.id);
  const { handle, rule, clearRule } = useActionError();
  const { message } = App.useApp();
  const goals = c.goals ?? [];
  const initial = c.results ?? (goals.length > 0 ? goals.map((g) => ({ goal: g.goal, note: '' })) : [{ goal: '', note: '' }]);
  const onFinish = (v: ResultValues) => {
    clearRule();
    advance.mutate(
      {
        to: 'evaluation',
        version: c.version,
        results: v.results.map((r) => ({ goal: r.goal.trim(), achieved: r.achieved ?? 'no', note: r.note?.trim() ?? '' })),
      },
      { onSuccess: () => message.success(t.evaluated), onError: (e) => handle(e, { form, onConflict }) },
    );
  };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} disabled={advance.isPending} initialValues={{ results: initial }} data-testid="evaluation-form">
      {goals.length === 0 ? <Typography.Paragraph type="secondary">{t.noGoals}</Typography.Paragraph> : null}
      <Form.List name="results">
        {(fields) => (
          <Flex vertical gap={8}>
            {fields.map((field, i) => (
              <Card key={field.key} size="small" styles={{ body: { paddingBottom: 0 } }}>
                <Form.Item label={`${t.goal} ${i + 1}`} name={[field.name, 'goal']} rules={[{ required: true, whitespace: true, message: t.goalRequired }]}>
                  <Input.TextArea maxLength={300} autoSize={{ minRows: 1, maxRows: 4 }} readOnly={goals.length > 0} variant={goals.length > 0 ? 'borderless' : 'outlined'} />
                </Form.Item>
                <Form.Item label={t.achieved} name={[field.name, 'achieved']} rules={[{ required: true, message: t.achievedRequired }]}>
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    size="large"
                    aria-label={`${t.achieved}${i + 1}`}
                    options={ACHIEVED.map((a) => ({ value: a, label: t.achievedLabels[a] }))}
                  />
                </Form.Item>
                <Form.Item label={t.resultNote} name={[field.name, 'note']}>
                  <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} aria-label={`${t.resultNote}${i + 1}`} />
                </Form.Item>
              </Card>
            ))}
          </Flex>
        )}
      </Form.List>
      <RuleAlert rule={rule?.rule ?? null} message={rule?.message} onClose={clearRule} />
      <Button type="primary" htmlType="submit" size="large" block loading={advance.isPending} style={{ marginTop: 16 }}>
        {t.saveEvaluation}
      </Button>
    </Form>
  );
}

/** 结案: the reason, confirmed, then to the manager for approval. */
export function ClosureForm({ c, onConflict }: StepFormProps) {
  const [form] = Form.useForm<{ closureReason: string }>();
  const advance = useAdvanceCase(c.id);
  const { handle, rule, clearRule } = useActionError();
  const { message, modal } = App.useApp();
  const onFinish = (v: { closureReason: string }) =>
    modal.confirm({
      title: t.confirmClosureTitle,
      content: t.confirmClosureContent,
      okText: m.common.confirm,
      cancelText: m.common.cancel,
      onOk: () => {
        clearRule();
        return advance
          .mutateAsync({ to: 'closed', version: c.version, closureReason: v.closureReason.trim() })
          .then(() => message.success(t.closureRequested), (e: unknown) => handle(e, { form, onConflict }));
      },
    });
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} disabled={advance.isPending} initialValues={{ closureReason: c.closureReason ?? '' }} data-testid="closure-form">
      <Form.Item label={t.closureReason} name="closureReason" rules={[{ required: true, whitespace: true, message: t.closureReasonRequired }]}>
        <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t.closureReasonPlaceholder} />
      </Form.Item>
      <RuleAlert rule={rule?.rule ?? null} message={rule?.message} onClose={clearRule} />
      <Button type="primary" htmlType="submit" size="large" block loading={advance.isPending}>
        {t.requestClosure}
      </Button>
    </Form>
  );
}

/** 通过 / 退回 for the organisation manager (case:approve); returning needs a comment. */
export function DecisionPanel({ c, onConflict }: StepFormProps) {
  const decide = useDecideCase(c.id);
  const { handle } = useActionError();
  const { message, modal } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  if (!c.pendingApproval) return null;
  const what = CASE_APPROVAL_LABELS[c.pendingApproval];

  const approve = () =>
    modal.confirm({
      title: t.approveTitle(what),
      content: c.pendingApproval === 'plan' ? t.approvePlanContent : t.approveClosureContent,
      okText: t.approve,
      cancelText: m.common.cancel,
      onOk: () =>
        decide
          .mutateAsync({ version: c.version, approve: true, comment: '' })
          .then(() => message.success(t.approved), (e: unknown) => handle(e, { onConflict })),
    });

  const sendReturn = (v: { comment: string }) =>
    decide.mutate(
      { version: c.version, approve: false, comment: v.comment.trim() },
      {
        onSuccess: () => {
          message.success(t.returnedDone);
          setReturning(false);
        },
        onError: (e) => handle(e, { form, onConflict }),
      },
    );

  return (
    <>
      <Flex gap={8} data-testid="decision-panel">
        <Button type="primary" size="large" style={{ flex: 1 }} onClick={approve} loading={decide.isPending && !returning}>
          {t.approve}
        </Button>
        <Button danger size="large" style={{ flex: 1 }} onClick={() => setReturning(true)}>
          {t.return}
        </Button>
      </Flex>
      {returning ? (
        <Modal
          open
          title={t.returnTitle(what)}
          okText={t.returnConfirm}
          okButtonProps={{ danger: true }}
          cancelText={m.common.cancel}
          onOk={() => form.submit()}
          onCancel={() => setReturning(false)}
          confirmLoading={decide.isPending}
          destroyOnHidden
        >
          <Form form={form} layout="vertical" onFinish={sendReturn} disabled={decide.isPending}>
            <Form.Item label={t.returnComment} name="comment" rules={[{ required: true, whitespace: true, message: t.returnCommentRequired }]}>
              <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </>
  );
}

/** A returned plan or closure: the manager's comment, before the form to revise it. */
export function ReturnedNotice({ c }: { c: CaseDto }) {
  if (!c.lastReturnComment) return null;
  const what = c.stage === 'planning' ? CASE_APPROVAL_LABELS.plan : CASE_APPROVAL_LABELS.closure;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="return-comment"
      style={{ marginBottom: 16 }}
      title={t.returned(what)}
      description={`${t.returnComment}：${c.lastReturnComment}`}
    />
  );
}
