import { Alert, App, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ContractDetail } from '../../../shared/contracts/service-contracts';
import {
  CONTRACT_STATUS_LABELS,
  EVALUATION_GRADES,
  EVALUATION_GRADE_LABELS,
  PURCHASE_RULES,
  SPENDING_CATEGORIES,
  SPENDING_CATEGORY_LABELS,
  onPostDeadline,
  type EvaluationGrade,
  type SpendingCategory,
} from '../../../shared/rules/purchase';
import { FormModal, useFormWrite } from '../../components/FormModal';
import { RuleTag } from '../../components/RuleTag';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { fenOf, fenToInput, YuanInput, yuanRules } from '../funding/money';
import { YearSelect, thisYear } from '../procurements/purchaseFields';
import { useContractStatus, useRecordGrade, useRecordPayment, useRecordSpending, useSignContract } from './contracts.api';

const t = m.purchase.contracts;
const c = m.purchase.common;

interface ModalProps {
  contract: ContractDetail;
  onClose: () => void;
  onConflict: () => unknown;
}

/** The missing R-CONTRACT-CONTENT contents as a list citing the rule (empty list: nothing shown). */
export function MissingContents({ missing }: { missing: string[] }) {
  if (missing.length === 0)
    return <Alert type="success" showIcon title={t.missingNone} style={{ marginBottom: 16 }} data-testid="contract-missing" />;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="contract-missing"
      style={{ marginBottom: 16 }}
      title={
        <span>
          <RuleTag rule={PURCHASE_RULES['R-CONTRACT-CONTENT']} />
          {t.missingTitle}
        </span>
      }
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {missing.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      }
    />
  );
}

/** 签订: the date, the missing contents first; the server checks contents and term again. */
export function SignModal({ contract, onClose, onConflict }: ModalProps) {
  const [form] = Form.useForm<{ signedOn: Dayjs }>();
  const sign = useSignContract(contract.id);
  const write = useFormWrite(form, { onClose, onConflict });
  const isMobile = useIsMobile();
  const signedOn = Form.useWatch('signedOn', form) as Dayjs | undefined;
  const blocked = contract.missing.length > 0;
  return (
    <FormModal<{ signedOn: Dayjs }>
      title={t.signTitle}
      okText={t.sign}
      okDisabled={blocked}
      form={form}
      pending={sign.isPending}
      disabled={blocked}
      onClose={onClose}
      initialValues={{ signedOn: dayjs() }}
      onFinish={(v) => {
        write.start();
        sign.mutate({ version: contract.version, signedOn: v.signedOn.format('YYYY-MM-DD') }, write.done(t.signed));
      }}
      intro={
        <>
          <MissingContents missing={contract.missing} />
          {write.alert}
        </>
      }
      after={
        signedOn && !blocked ? (
          <Typography.Paragraph type="secondary" data-testid="sign-onpost-hint">
            <RuleTag rule={PURCHASE_RULES['R-ONPOST-1M']} />
            {t.signHint(onPostDeadline(signedOn.format('YYYY-MM-DD')))}
          </Typography.Paragraph>
        ) : null
      }
    >
      <Form.Item label={t.signedOnLabel} name="signedOn" rules={[{ required: true, message: c.dateRequired }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
    </FormModal>
  );
}

export type StatusMove = 'performing' | 'terminated' | 'expired';

const MOVE_LABELS: Record<StatusMove, string> = { performing: t.start, terminated: t.terminate, expired: t.expire };

/** 开始履行 / 终止 / 到期, with a reason and a confirmation. */
export function StatusModal({ contract, move, onClose, onConflict }: ModalProps & { move: StatusMove }) {
  const [form] = Form.useForm<{ reason: string }>();
  const change = useContractStatus(contract.id);
  const write = useFormWrite(form, { onClose, onConflict });
  const { modal } = App.useApp();
  const label = MOVE_LABELS[move];
  const done = write.done(t.statusChanged);
  const send = (reason: string) => change.mutateAsync({ version: contract.version, status: move, reason }).then(done.onSuccess).catch(done.onError);
  return (
    <FormModal<{ reason: string }>
      title={t.statusTitle(label)}
      okText={label}
      danger={move === 'terminated'}
      form={form}
      pending={change.isPending}
      onClose={onClose}
      intro={write.alert}
      onFinish={(v) =>
        modal.confirm({
          title: t.statusTitle(label),
          content: t.statusConfirm(contract.title, CONTRACT_STATUS_LABELS[move]),
          okText: m.common.confirm,
          okButtonProps: { danger: move === 'terminated' },
          cancelText: m.common.cancel,
          onOk: () => send(v.reason.trim()),
        })
      }
    >
      <Form.Item label={c.reason} name="reason" rules={[{ required: true, whitespace: true, message: c.reasonRequired }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

/** Money is typed in 元 under another name than the server's. */
const amountPath = (p: string) => (p === 'amountFen' ? 'amount' : p);

interface PaymentValues {
  instalment: number;
  paidOn: Dayjs;
  amount: string;
  voucher: string;
  note: string;
}

export function PaymentModal({ contract, onClose, onConflict }: ModalProps) {
  const [form] = Form.useForm<PaymentValues>();
  const pay = useRecordPayment(contract.id);
  const write = useFormWrite(form, { onClose, onConflict, mapPath: amountPath });
  const isMobile = useIsMobile();
  const firstOpen = contract.instalments.findIndex((i) => i.paidFen < i.amountFen);
  const start = firstOpen >= 0 ? firstOpen : 0;
  const remaining = (i: number) => {
    const inst = contract.instalments[i];
    return inst ? Math.max(0, inst.amountFen - inst.paidFen) : 0;
  };
  return (
    <FormModal<PaymentValues>
      title={t.paymentTitle}
      form={form}
      pending={pay.isPending}
      onClose={onClose}
      intro={write.alert}
      initialValues={{ instalment: start, paidOn: dayjs(), amount: remaining(start) > 0 ? fenToInput(remaining(start)) : '', voucher: '', note: '' }}
      onFinish={(v) =>
        pay.mutate(
          {
            instalment: v.instalment,
            paidOn: v.paidOn.format('YYYY-MM-DD'),
            amountFen: fenOf(v.amount),
            voucher: v.voucher ?? '',
            note: v.note ?? '',
          },
          write.done(t.paymentSaved),
        )
      }
    >
      <Form.Item label={t.paymentInstalment} name="instalment" rules={[{ required: true, message: c.select(t.paymentInstalment) }]}>
        <Select<number>
          options={contract.instalments.map((i, index) => ({ value: index, label: `${i.label}（${i.dueOn}）` }))}
          onChange={(i) => {
            const left = remaining(i);
            if (left > 0) form.setFieldValue('amount', fenToInput(left));
          }}
        />
      </Form.Item>
      <Form.Item label={t.paidOn} name="paidOn" rules={[{ required: true, message: c.dateRequired }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} />
      </Form.Item>
      <Form.Item label={t.paymentAmount} name="amount" rules={yuanRules(t.paymentAmount, { required: true, positive: true })}>
        <YuanInput />
      </Form.Item>
      <Form.Item label={t.voucher} name="voucher">
        <Input maxLength={100} />
      </Form.Item>
      <NoteField max={500} />
    </FormModal>
  );
}

function NoteField({ max }: { max: number }) {
  return (
    <Form.Item label={t.note} name="note">
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={max} />
    </Form.Item>
  );
}

interface SpendingValues {
  stationId: string;
  category: SpendingCategory;
  spentOn: Dayjs;
  amount: string;
  note: string;
}

export function SpendingModal({ contract, onClose, onConflict }: ModalProps) {
  const [form] = Form.useForm<SpendingValues>();
  const spend = useRecordSpending(contract.id);
  const write = useFormWrite(form, { onClose, onConflict, mapPath: amountPath });
  const isMobile = useIsMobile();
  return (
    <FormModal<SpendingValues>
      title={t.spendingTitle}
      form={form}
      pending={spend.isPending}
      onClose={onClose}
      intro={write.alert}
      initialValues={{ stationId: contract.stations.length === 1 ? contract.stations[0]?.id : undefined, spentOn: dayjs(), amount: '', note: '' }}
      onFinish={(v) =>
        spend.mutate(
          { stationId: v.stationId, category: v.category, spentOn: v.spentOn.format('YYYY-MM-DD'), amountFen: fenOf(v.amount), note: v.note ?? '' },
          write.done(t.spendingSaved),
        )
      }
    >
      <Form.Item label={t.spendingStation} name="stationId" rules={[{ required: true, message: c.select(t.spendingStation) }]}>
        <Select<string> showSearch={{ optionFilterProp: 'label' }} options={contract.stations.map((s) => ({ value: s.id, label: s.name }))} />
      </Form.Item>
      <Form.Item label={t.category} name="category" rules={[{ required: true, message: c.select(t.category) }]}>
        <Select<SpendingCategory> options={SPENDING_CATEGORIES.map((k) => ({ value: k, label: SPENDING_CATEGORY_LABELS[k] }))} />
      </Form.Item>
      <Form.Item label={t.spentOn} name="spentOn" rules={[{ required: true, message: c.dateRequired }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} />
      </Form.Item>
      <Form.Item label={t.spendingAmount} name="amount" rules={yuanRules(t.spendingAmount, { required: true, positive: true })}>
        <YuanInput />
      </Form.Item>
      <NoteField max={500} />
    </FormModal>
  );
}

interface GradeValues {
  year: number;
  grade: EvaluationGrade;
  note: string;
}

/** 登记评估等次 by hand (until the evaluation module exists); 不合格 marks the contract's ending year. */
export function GradeModal({ contract, onClose, onConflict }: ModalProps) {
  const [form] = Form.useForm<GradeValues>();
  const record = useRecordGrade(contract.id);
  const write = useFormWrite(form, { onClose, onConflict });
  const grade = Form.useWatch('grade', form) as EvaluationGrade | undefined;
  const year = Form.useWatch('year', form) as number | undefined;
  return (
    <FormModal<GradeValues>
      title={t.gradeTitle}
      form={form}
      pending={record.isPending}
      onClose={onClose}
      intro={write.alert}
      initialValues={{ year: thisYear() - 1, note: '' }}
      onFinish={(v) => record.mutate({ year: v.year, grade: v.grade, note: v.note ?? '' }, write.done(t.gradeSaved))}
    >
      <Form.Item label={t.gradeYear} name="year" rules={[{ required: true, message: c.select(t.gradeYear) }]}>
        <YearSelect />
      </Form.Item>
      <Form.Item label={t.grade} name="grade" rules={[{ required: true, message: c.select(t.grade) }]}>
        <Select<EvaluationGrade> options={EVALUATION_GRADES.map((g) => ({ value: g, label: EVALUATION_GRADE_LABELS[g] }))} />
      </Form.Item>
      {grade === 'fail' && year ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              <RuleTag rule={PURCHASE_RULES['R-CONTRACT-FAIL']} />
              {t.gradeFailHint(year + 1)}
            </span>
          }
        />
      ) : null}
      <NoteField max={1000} />
    </FormModal>
  );
}
