import { App, Alert, DatePicker, Form, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { listReports } from '../../../shared/contracts/reports';
import { REPORT_KIND_LABELS, type ReportKind } from '../../../shared/rules/reports';
import { api, isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { FormModal } from '../../components/FormModal';
import { m } from '../../i18n';
import { CountySelect } from '../regions/RegionSelects';
import { ContractSelect, StationSelect, thisYear, useCountyScope, YearSelect } from './fields';
import { useDraftReport, type DraftReportBody } from './reports.api';

const t = m.reports.reports;

interface Values {
  kind: ReportKind;
  subject: 'station' | 'contract';
  month: Dayjs;
  stationId?: string;
  contractId?: string;
  countyCode?: string;
  year?: number;
}

function bodyOf(v: Values): DraftReportBody {
  if (v.kind === 'district_annual') return { kind: 'district_annual', countyCode: v.countyCode ?? '', year: v.year ?? thisYear() };
  if (v.kind === 'monthly')
    return v.subject === 'station'
      ? { kind: 'monthly', month: v.month.format('YYYY-MM'), stationId: v.stationId ?? null, contractId: null }
      : { kind: 'monthly', month: v.month.format('YYYY-MM'), stationId: null, contractId: v.contractId ?? null };
  return { kind: v.kind, contractId: v.contractId ?? '' };
}

/**
 * The report asked for was drafted before (one per subject and period): find it, so the user lands on
 * it rather than on an error.
 */
async function findExisting(body: DraftReportBody): Promise<string | undefined> {
  const query =
    body.kind === 'district_annual'
      ? { kind: body.kind, countyCode: body.countyCode, year: body.year }
      : body.kind === 'monthly'
        ? { kind: body.kind, stationId: body.stationId ?? undefined, contractId: body.stationId ? undefined : (body.contractId ?? undefined), year: Number(body.month.slice(0, 4)) }
        : { kind: body.kind, contractId: body.contractId };
  const page = await api(listReports, { query: { ...query, pageSize: 200 } });
  const hit = page.items.find((r) =>
    body.kind === 'monthly' ? r.periodStart.startsWith(body.month) && (body.stationId ? r.stationId === body.stationId : r.stationId === null) : true,
  );
  return hit?.id;
}

/** 生成报告: the contractor picks a monthly, mid-term or final report; a district its annual report. */
export function DraftReportModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { county, isOrg } = useCountyScope();
  const draft = useDraftReport();
  const report = useReportError();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const kinds: ReportKind[] = isOrg ? ['monthly', 'midterm', 'final'] : ['district_annual'];
  const kind = Form.useWatch('kind', form) ?? kinds[0];
  const subject = Form.useWatch('subject', form) ?? 'station';
  const year = Form.useWatch('year', form) ?? thisYear();

  const onFinish = (v: Values) => {
    const body = bodyOf(v);
    draft.mutate(body, {
      onSuccess: (r) => {
        message.success(t.created);
        onClose();
        void navigate(`/reports/${r.id}`);
      },
      onError: async (e) => {
        if (isApiError(e, 'CONFLICT')) {
          const id = await findExisting(body).catch(() => undefined);
          if (id) {
            message.info(t.exists);
            onClose();
            void navigate(`/reports/${id}`);
            return;
          }
        }
        report(e, form);
      },
    });
  };

  const due = kind === 'monthly' ? t.monthlyDue : kind === 'district_annual' ? t.districtDue(year) : t.contractDue;
  return (
    <FormModal<Values>
      title={t.createTitle}
      okText={t.create}
      form={form}
      pending={draft.isPending}
      onClose={onClose}
      onFinish={onFinish}
      intro={<Typography.Paragraph type="secondary">{t.createHint}</Typography.Paragraph>}
      testId="draft-report-form"
      initialValues={{
        kind: kinds[0],
        subject: 'station',
        month: dayjs().subtract(1, 'month').startOf('month'),
        countyCode: county,
        year: thisYear(),
      }}
    >
      <Form.Item label={t.kind} name="kind" rules={[{ required: true, message: m.reports.common.select(t.kind) }]}>
        <Select<ReportKind> options={kinds.map((k) => ({ value: k, label: REPORT_KIND_LABELS[k] }))} />
      </Form.Item>
      {kind === 'monthly' ? (
        <>
          <Form.Item label={t.subjectType} name="subject">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'station', label: t.subjectStation },
                { value: 'contract', label: t.subjectContract },
              ]}
            />
          </Form.Item>
          <Form.Item label={t.month} name="month" rules={[{ required: true, message: t.monthRequired }]}>
            <DatePicker picker="month" style={{ width: '100%' }} allowClear={false} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'month')} />
          </Form.Item>
        </>
      ) : null}
      {kind === 'monthly' && subject === 'station' ? (
        <Form.Item label={m.reports.common.station} name="stationId" rules={[{ required: true, message: t.stationRequired }]}>
          <StationSelect />
        </Form.Item>
      ) : null}
      {(kind === 'monthly' && subject === 'contract') || kind === 'midterm' || kind === 'final' ? (
        <Form.Item label={m.reports.common.contract} name="contractId" rules={[{ required: true, message: t.contractRequired }]}>
          <ContractSelect signedOnly />
        </Form.Item>
      ) : null}
      {kind === 'district_annual' ? (
        <>
          <Form.Item label={m.reports.common.county} name="countyCode" rules={[{ required: true, message: t.countyRequired }]}>
            <CountySelect disabled={Boolean(county)} />
          </Form.Item>
          <Form.Item label={m.reports.common.year} name="year" rules={[{ required: true, message: t.yearRequired }]}>
            <YearSelect />
          </Form.Item>
        </>
      ) : null}
      <Alert type="info" showIcon title={due} />
    </FormModal>
  );
}
