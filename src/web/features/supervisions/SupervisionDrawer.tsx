import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DrawerForm, useDrawerSave } from '../../components/DrawerForm';
import { m } from '../../i18n';
import { StationSelect } from '../reports/fields';
import { useCreateSupervision } from './supervisions.api';

const t = m.reports.supervisions;

interface Values {
  stationId: string;
  date: Dayjs;
  supervisor: string;
  topic: string;
  findings?: string;
  followUp?: string;
  followUpDue?: Dayjs | null;
}

/** 登记督导记录 (R-SUPERVISE): the visit, what was found and what the station must follow up by when. */
export function SupervisionDrawer({ countyCode, onClose }: { countyCode?: string; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateSupervision();
  const save = useDrawerSave(form, { saved: t.created, onClose });
  const date = Form.useWatch('date', form);

  const onFinish = (v: Values) =>
    create.mutate(
      {
        stationId: v.stationId,
        date: v.date.format('YYYY-MM-DD'),
        supervisor: v.supervisor,
        topic: v.topic,
        findings: v.findings ?? '',
        followUp: v.followUp ?? '',
        followUpDue: v.followUpDue ? v.followUpDue.format('YYYY-MM-DD') : null,
      },
      save,
    );

  const required = (label: string) => [{ required: true, whitespace: true, message: m.reports.common.required(label) }];
  return (
    <DrawerForm<Values>
      title={t.createTitle}
      form={form}
      width={560}
      testId="supervision-form"
      initialValues={{ date: dayjs() }}
      onFinish={onFinish}
      pending={create.isPending}
      onClose={onClose}
    >
      <Form.Item label={t.station} name="stationId" rules={[{ required: true, message: t.stationRequired }]}>
        <StationSelect countyCode={countyCode} />
      </Form.Item>
      <Form.Item label={t.date} name="date" rules={[{ required: true, message: t.dateRequired }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item label={t.supervisor} name="supervisor" rules={required(t.supervisor)}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label={t.topic} name="topic" rules={required(t.topic)}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t.findings} name="findings">
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item
        label={t.followUp}
        name="followUp"
        dependencies={['followUpDue']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_, v: string | undefined) => {
              if (getFieldValue('followUpDue') && !(v ?? '').trim()) throw new Error(t.dueWithoutFollowUp);
            },
          }),
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item
        label={t.followUpDue}
        name="followUpDue"
        rules={[
          {
            validator: async (_, v: Dayjs | null | undefined) => {
              if (v && date && v.isBefore(date, 'day')) throw new Error(t.dueBeforeDate);
            },
          },
        ]}
      >
        <DatePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
    </DrawerForm>
  );
}
