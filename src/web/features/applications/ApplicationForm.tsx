import { Alert, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Application } from '../../../shared/contracts/applications';
import { DrawerForm } from '../../components/DrawerForm';
import { CatalogueSelect } from '../procurements/purchaseFields';
import { useScopeStations } from '../reports/fields';
import type { ApplicationBody } from './applications.api';
import { t } from './labels';

export interface ApplicationValues {
  department: string;
  title: string;
  purpose: string;
  itemCodes: string[];
  stationIds: string[];
  periodStart: Dayjs;
  periodEnd: Dayjs;
  targetPeople: string;
  fundedBy: string;
  providedBy: string;
  contact?: string;
}

export function toBody(v: ApplicationValues): ApplicationBody {
  return {
    department: v.department, title: v.title, purpose: v.purpose, itemCodes: v.itemCodes, stationIds: v.stationIds,
    periodStart: v.periodStart.format('YYYY-MM-DD'), periodEnd: v.periodEnd.format('YYYY-MM-DD'),
    targetPeople: v.targetPeople, fundedBy: v.fundedBy, providedBy: v.providedBy, contact: v.contact ?? '',
  };
}

export function valuesOf(a: Application | null): Partial<ApplicationValues> {
  if (!a) return { itemCodes: [], stationIds: [], periodStart: dayjs(), periodEnd: dayjs().add(90, 'day') };
  return {
    department: a.department, title: a.title, purpose: a.purpose, itemCodes: a.items.map((i) => i.code), stationIds: a.stations.map((s) => s.id),
    periodStart: dayjs(a.periodStart), periodEnd: dayjs(a.periodEnd), targetPeople: a.targetPeople, fundedBy: a.fundedBy, providedBy: a.providedBy, contact: a.contact,
  };
}

const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

/** The written application: drafted here, edited while a draft or after the bureau asked for changes. */
export function ApplicationForm(props: { application: Application | null; pending: boolean; onFinish: (v: ApplicationValues) => void; onClose: () => void; form: ReturnType<typeof Form.useForm<ApplicationValues>>[0] }) {
  const stations = useScopeStations();
  return (
    <DrawerForm<ApplicationValues>
      title={props.application ? t.edit : t.create}
      form={props.form}
      initialValues={valuesOf(props.application)}
      onFinish={props.onFinish}
      pending={props.pending}
      onClose={props.onClose}
      testId="application-form"
      width={720}
      intro={<Alert type="info" showIcon title={t.ruleNote} style={{ marginBottom: 16 }} />}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t.department} name="department" rules={required(t.department)}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t.name} name="title" rules={required(t.name)}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={t.purpose} name="purpose" rules={required(t.purpose)}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={t.items} name="itemCodes" rules={[{ required: true, message: '请选择服务项目' }]}>
            <CatalogueSelect aria-label={t.items} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={t.stations} name="stationIds" extra={t.stationsHint} rules={[{ required: true, message: '请选择社工站' }]}>
            <Select<string[]>
              mode="multiple"
              aria-label={t.stations}
              showSearch={{ optionFilterProp: 'label' }}
              loading={stations.isFetching}
              options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t.periodStart} name="periodStart" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t.periodEnd} name="periodEnd" rules={[{ required: true, message: '请选择结束日期' }]}>
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={t.targetPeople} name="targetPeople" rules={required(t.targetPeople)}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t.fundedBy} name="fundedBy" rules={required(t.fundedBy)}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t.providedBy} name="providedBy" rules={required(t.providedBy)}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={t.contact} name="contact">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
    </DrawerForm>
  );
}
