import { App, Form, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useReportError } from '../../lib/errors';
import { FormModal } from '../../components/FormModal';
import { m } from '../../i18n';
import { ContractSelect, thisYear, useCountyScope, YearSelect } from '../reports/fields';
import { useCreateEvaluation } from './evaluations.api';

const t = m.reports.evaluations;

interface Values {
  contractId: string;
  year: number;
}

/** 开始评估: the purchaser picks a signed contract and the year; the auto indicators come pre-filled. */
export function CreateEvaluationModal({ onClose, year: initialYear }: { onClose: () => void; year?: number }) {
  const [form] = Form.useForm<Values>();
  const { county } = useCountyScope();
  const create = useCreateEvaluation();
  const report = useReportError();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const year = Form.useWatch('year', form) ?? initialYear ?? thisYear();
  const onFinish = (v: Values) =>
    create.mutate(v, {
      onSuccess: (e) => {
        message.success(t.created);
        onClose();
        void navigate(`/evaluations/${e.id}`);
      },
      onError: (e) => report(e, form),
    });
  return (
    <FormModal<Values>
      title={t.createTitle}
      okText={t.create}
      form={form}
      pending={create.isPending}
      onClose={onClose}
      onFinish={onFinish}
      intro={<Typography.Paragraph type="secondary">{t.createHint}</Typography.Paragraph>}
      testId="create-evaluation-form"
      initialValues={{ year: initialYear ?? thisYear() }}
    >
      <Form.Item label={m.reports.common.year} name="year" rules={[{ required: true, message: t.yearRequired }]}>
        <YearSelect />
      </Form.Item>
      <Form.Item label={t.contract} name="contractId" rules={[{ required: true, message: t.contractRequired }]}>
        <ContractSelect signedOnly year={year} countyCode={county} />
      </Form.Item>
    </FormModal>
  );
}
