import { App, Form, Modal, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useReportError } from '../../lib/errors';
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
    <Modal
      open
      title={t.createTitle}
      okText={t.create}
      cancelText={m.common.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t.createHint}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={create.isPending}
        initialValues={{ year: initialYear ?? thisYear() }}
        data-testid="create-evaluation-form"
      >
        <Form.Item label={m.reports.common.year} name="year" rules={[{ required: true, message: t.yearRequired }]}>
          <YearSelect />
        </Form.Item>
        <Form.Item label={t.contract} name="contractId" rules={[{ required: true, message: t.contractRequired }]}>
          <ContractSelect signedOnly year={year} countyCode={county} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
