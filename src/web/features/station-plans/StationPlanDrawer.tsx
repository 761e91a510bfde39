import { Form, Input, InputNumber, Select, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { StationPlanDetail } from '../../../shared/contracts/station-plans';
import { measureLabel, STATION_PLAN_MEASURES, type StationPlanMeasure } from '../../../shared/rules/station-plans';
import { DrawerForm, useDrawerSave } from '../../components/DrawerForm';
import { m } from '../../i18n';
import { catalogueOptions, useCatalogue } from '../service-records/records.api';
import { StationPicker } from '../stations/StationPicker';
import { useCreatePlan, useUpdatePlan } from './stationPlans.api';

const t = m.stationPlans;

interface Values {
  stationId?: string;
  year: number;
  itemCodes: string[];
  duties: string;
  targets: Record<StationPlanMeasure, number>;
}

/** 编制 or 修改: the station (new plans only), the catalogue items, the duties and the four targets. */
export function StationPlanDrawer({ plan, year, onClose, onReload }: { plan?: StationPlanDetail; year: number; onClose: () => void; onReload?: () => Promise<unknown> }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const catalogue = useCatalogue();
  const create = useCreatePlan();
  const update = useUpdatePlan(plan?.id ?? '');
  const save = useDrawerSave(form, { saved: t.saved, onClose, onConflict: onReload });
  const initialValues: Values = plan
    ? { year: plan.year, itemCodes: plan.content.itemCodes, duties: plan.content.duties, targets: plan.content.targets }
    : { year, itemCodes: [], duties: '', targets: { records: 10, homeVisits: 4, groupSessions: 3, casesOpened: 6 } };
  const onFinish = (v: Values) => {
    const content = { itemCodes: v.itemCodes, duties: v.duties ?? '', targets: v.targets };
    if (plan) update.mutate({ ...content, version: plan.version }, save);
    else
      create.mutate({ ...content, stationId: v.stationId ?? '', year: v.year }, {
        ...save,
        onSuccess: (d) => {
          save.onSuccess();
          void navigate(`/station-plans/${d.id}`);
        },
      });
  };
  return (
    <DrawerForm<Values>
      title={plan ? `${t.edit}：${plan.stationName}` : t.create}
      form={form}
      initialValues={initialValues}
      onFinish={onFinish}
      pending={create.isPending || update.isPending}
      onClose={onClose}
      testId="station-plan-form"
      reload={plan ? { version: plan.version, values: initialValues } : undefined}
      intro={<Typography.Paragraph type="secondary">{t.subtitle}</Typography.Paragraph>}
    >
      {plan ? null : (
        <>
          <Form.Item label={t.station} name="stationId" rules={[{ required: true, message: t.stationRequired }]}>
            <StationPicker aria-label={t.station} />
          </Form.Item>
          <Form.Item label={t.year} name="year" rules={[{ required: true }]}>
            <InputNumber min={2021} max={2100} style={{ width: 160 }} />
          </Form.Item>
        </>
      )}
      <Form.Item label={t.items} name="itemCodes" rules={[{ required: true, message: t.itemsRequired }]}>
        <Select mode="multiple" options={catalogueOptions(catalogue.data)} loading={catalogue.isPending} optionFilterProp="title" aria-label={t.items} />
      </Form.Item>
      <Form.Item label={t.duties} name="duties">
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} placeholder={t.dutiesPlaceholder} />
      </Form.Item>
      <Typography.Title level={5}>{t.targets}</Typography.Title>
      {STATION_PLAN_MEASURES.map((k) => (
        <Form.Item key={k} label={measureLabel(k)} name={['targets', k]} rules={[{ required: true }]}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} aria-label={measureLabel(k)} />
        </Form.Item>
      ))}
    </DrawerForm>
  );
}
