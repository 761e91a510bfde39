import { Alert, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import type { Procurement } from '../../../shared/contracts/procurements';
import { PURCHASE_METHODS, PURCHASE_METHOD_LABELS, type PurchaseMethod } from '../../../shared/rules/purchase';
import { SCOPE_RULES } from '../../../shared/rules/service-scope';
import { DrawerForm } from '../../components/DrawerForm';
import { useFormWrite } from '../../components/FormModal';
import { RuleTag } from '../../components/RuleTag';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { fenOf, fenToInput, YuanInput, yuanRules } from '../funding/money';
import { CountySelect } from '../regions/RegionSelects';
import { useCreateProcurement, useUpdateProcurement } from './procurements.api';
import { CatalogueSelect, StationsSelect, thisYear, useCountyScope, useFullCatalogue, YearSelect } from './purchaseFields';

const t = m.purchase.procurements;
const c = m.purchase.common;
const methodOptions = PURCHASE_METHODS.map((v) => ({ value: v, label: PURCHASE_METHOD_LABELS[v] }));

interface Values {
  countyCode?: string;
  year: number;
  title: string;
  method?: PurchaseMethod;
  budget: string;
  stationIds: string[];
  itemCodes: string[];
  otherItems: string;
  standards: string;
  requirements: string;
  announcedOn: Dayjs | null;
  deadlineOn: Dayjs | null;
}

function valuesOf(p: Procurement | null, county: string | undefined): Values {
  return {
    countyCode: p?.countyCode ?? county,
    year: p?.year ?? thisYear(),
    title: p?.title ?? '',
    method: p?.method,
    budget: p && p.budgetFen > 0 ? fenToInput(p.budgetFen) : '',
    stationIds: p?.stationIds ?? [],
    itemCodes: p?.items.map((i) => i.code) ?? [],
    otherItems: p?.otherItems ?? '',
    standards: p?.standards ?? '',
    requirements: p?.requirements ?? '',
    announcedOn: p?.announcedOn ? dayjs(p.announcedOn) : null,
    deadlineOn: p?.deadlineOn ? dayjs(p.deadlineOn) : null,
  };
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** 登记 / 修改采购项目. Excluded catalogue matters are marked here and refused by the server (R-SCOPE-EXCLUDED). */
export function ProcurementDrawer({
  procurement,
  onClose,
  onConflict,
}: {
  procurement: Procurement | null;
  onClose: () => void;
  onConflict?: () => unknown;
}) {
  const [form] = Form.useForm<Values>();
  const { county, isCity } = useCountyScope();
  const create = useCreateProcurement();
  const update = useUpdateProcurement(procurement?.id ?? '');
  const navigate = useNavigate();
  const write = useFormWrite(form, { onClose, onConflict, mapPath: (p) => (p === 'budgetFen' ? 'budget' : p) });
  const isMobile = useIsMobile();
  const catalogue = useFullCatalogue();
  const countyCode = Form.useWatch('countyCode', form) ?? procurement?.countyCode ?? county;
  const itemCodes = (Form.useWatch('itemCodes', form) ?? []) as string[];
  const excluded = (catalogue.data ?? []).filter((i) => i.excluded && itemCodes.includes(i.code));
  const pending = create.isPending || update.isPending;

  const onFinish = (v: Values) => {
    write.start();
    const body = {
      title: v.title.trim(),
      stationIds: v.stationIds ?? [],
      itemCodes: v.itemCodes ?? [],
      otherItems: v.otherItems ?? '',
      standards: v.standards ?? '',
      requirements: v.requirements ?? '',
      method: v.method as PurchaseMethod,
      budgetFen: fenOf(v.budget),
      announcedOn: day(v.announcedOn),
      deadlineOn: day(v.deadlineOn),
    };
    if (procurement) update.mutate({ ...body, version: procurement.version }, write.done(t.saved));
    else create.mutate({ ...body, countyCode: v.countyCode ?? '', year: v.year }, write.done(t.created, (p) => void navigate(`/procurements/${p.id}`)));
  };

  return (
    <DrawerForm<Values>
      title={procurement ? t.editTitle : t.createTitle}
      form={form}
      width={680}
      initialValues={valuesOf(procurement, county)}
      // The version re-read after someone saved first replaces what the form shows.
      reload={procurement ? { version: procurement.version, values: valuesOf(procurement, county) } : undefined}
      onFinish={onFinish}
      pending={pending}
      onClose={onClose}
      intro={write.alert}
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item label={c.county} name="countyCode" rules={[{ required: true, message: c.select(c.county) }]}>
            <CountySelect disabled={Boolean(procurement) || !isCity} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={c.year} name="year" rules={[{ required: true, message: c.select(c.year) }]}>
            <YearSelect disabled={Boolean(procurement)} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t.name} name="title" rules={[{ required: true, whitespace: true, message: c.required(t.name) }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item label={t.method} name="method" rules={[{ required: true, message: c.select(t.method) }]}>
            <Select<PurchaseMethod> options={methodOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t.budget} name="budget" rules={yuanRules(t.budget)}>
            <YuanInput />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t.stations} name="stationIds">
        <StationsSelect countyCode={countyCode} />
      </Form.Item>
      <Form.Item label={t.items} name="itemCodes">
        <CatalogueSelect />
      </Form.Item>
      {excluded.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="excluded-warning"
          style={{ marginBottom: 16 }}
          title={
            <span>
              <RuleTag rule={SCOPE_RULES['R-SCOPE-EXCLUDED']} />
              {t.itemsExcludedWarning(excluded.map((i) => i.name).join('、'))}
            </span>
          }
        />
      ) : null}
      <Form.Item label={t.otherItems} name="otherItems">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Form.Item label={t.standards} name="standards">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
      </Form.Item>
      <Form.Item label={t.requirements} name="requirements">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item label={t.announcedOn} name="announcedOn">
            <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t.deadlineOn} name="deadlineOn">
            <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} />
          </Form.Item>
        </Col>
      </Row>
    </DrawerForm>
  );
}
