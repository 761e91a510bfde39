import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useNavigate } from 'react-router';
import { AUTO_INDICATORS, AUTO_INDICATOR_LABELS, type AutoIndicator, type IndicatorSystem } from '../../../shared/contracts/evaluations';
import { PageHeader } from '../../components/PageHeader';
import { LoadError, PageLoading } from '../../components/PageStates';
import { isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { thisYear, toYear, YearSelect } from '../reports/fields';
import { points } from './evaluationLabels';
import { useIndicatorSystem, useSetIndicatorSystem } from './evaluations.api';

const t = m.reports.indicators;
const autoOptions = AUTO_INDICATORS.map((a) => ({ value: a, label: AUTO_INDICATOR_LABELS[a] }));

type Indicator = IndicatorSystem['dimensions'][number]['indicators'][number];
interface IndicatorValue {
  code: string;
  name: string;
  points: number | null;
  guidance: string;
  auto: AutoIndicator | null | undefined;
}
interface Values {
  dimensions: { name: string; indicators: IndicatorValue[] }[];
  thresholds: { excellent: number | null; good: number | null; pass: number | null };
}

const sumOf = (v: Partial<Values> | undefined) =>
  Math.round((v?.dimensions ?? []).reduce((s, d) => s + (d?.indicators ?? []).reduce((n, i) => n + (Number(i?.points) || 0), 0), 0) * 100) / 100;

export default function IndicatorSystemPage() {
  const [url, setUrl] = useUrlState(['year'] as const);
  const navigate = useNavigate();
  const year = toYear(url.year, thisYear()) ?? thisYear();
  const { data, isPending, error, refetch } = useIndicatorSystem(year);
  const canConfigure = usePermission('evaluation:configure');
  const editable = canConfigure && data !== undefined && data.evaluations === 0;

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate('/evaluations')} style={{ paddingInline: 0 }}>
        {t.backToList}
      </Button>
      <PageHeader
        title={t.title}
        extra={
          <div style={{ width: 140 }}>
            <YearSelect aria-label={t.year} value={year} onChange={(v) => setUrl({ year: v })} />
          </div>
        }
      >
        {data?.updatedAt ? <Typography.Text type="secondary">{t.updatedAt(formatDateTime(data.updatedAt))}</Typography.Text> : null}
      </PageHeader>
      {isPending ? (
        <PageLoading />
      ) : !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : (
        <Flex vertical gap={16}>
          {data.isDefault ? <Alert type="info" showIcon title={t.isDefault} /> : null}
          {data.evaluations > 0 ? <Alert type="warning" showIcon title={t.locked(data.evaluations)} data-testid="indicators-locked" /> : null}
          {!canConfigure ? <Alert type="info" title={t.readonly} /> : null}
          {editable ? (
            <SystemForm key={`${year}-${data.version}-${data.updatedAt ?? ''}`} system={data} onConflict={refetch} />
          ) : (
            <SystemView system={data} />
          )}
        </Flex>
      )}
    </>
  );
}

function SystemView({ system }: { system: IndicatorSystem }) {
  const columns: TableProps<Indicator>['columns'] = [
    { title: t.code, dataIndex: 'code', key: 'code', width: 70 },
    { title: t.name, dataIndex: 'name', key: 'name', width: 180 },
    { title: t.points, dataIndex: 'points', key: 'points', width: 70, align: 'right', render: (v: number) => points(v) },
    {
      title: t.auto,
      dataIndex: 'auto',
      key: 'auto',
      width: 160,
      render: (a: AutoIndicator | null) => (a ? <Tag color="blue">{AUTO_INDICATOR_LABELS[a]}</Tag> : <Typography.Text type="secondary">{t.manual}</Typography.Text>),
    },
    { title: t.guidance, dataIndex: 'guidance', key: 'guidance', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
  ];
  const sum = Math.round(system.dimensions.reduce((s, d) => s + d.indicators.reduce((n, i) => n + i.points, 0), 0) * 100) / 100;
  return (
    <>
      <Card size="small" title={t.thresholds}>
        <Space wrap size={16}>
          <span>{t.excellent} ≥ {system.thresholds.excellent}</span>
          <span>{t.good} ≥ {system.thresholds.good}</span>
          <span>{t.pass} ≥ {system.thresholds.pass}</span>
          <Typography.Text type="secondary">{t.sum(sum)}</Typography.Text>
        </Space>
      </Card>
      {system.dimensions.map((d) => (
        <Card
          key={d.name}
          size="small"
          title={d.name}
          extra={<Tag>{points(d.indicators.reduce((n, i) => n + i.points, 0))} 分</Tag>}
          data-testid="indicator-dimension"
        >
          <Table<Indicator> rowKey="code" size="small" pagination={false} columns={columns} dataSource={d.indicators} scroll={{ x: 760 }} />
        </Card>
      ))}
    </>
  );
}

function SystemForm({ system, onConflict }: { system: IndicatorSystem; onConflict: () => Promise<unknown> }) {
  const [form] = Form.useForm<Values>();
  const watched = Form.useWatch((v: Partial<Values>) => v, form) as Partial<Values> | undefined;
  const save = useSetIndicatorSystem(system.year);
  const report = useReportError();
  const { message } = App.useApp();
  const sum = watched ? sumOf(watched) : sumOf(system as unknown as Values);
  const sumOk = Math.abs(sum - 100) < 1e-9;

  const onFinish = (v: Values) =>
    save.mutate(
      {
        version: system.version,
        dimensions: v.dimensions.map((d) => ({
          name: d.name,
          indicators: d.indicators.map((i) => ({ code: i.code, name: i.name, points: i.points ?? 0, guidance: i.guidance ?? '', auto: i.auto ?? null })),
        })),
        thresholds: { excellent: v.thresholds.excellent ?? 0, good: v.thresholds.good ?? 0, pass: v.thresholds.pass ?? 0 },
      },
      {
        onSuccess: () => message.success(t.saved),
        onError: (e) => {
          if (isApiError(e, 'VERSION_CONFLICT')) {
            message.warning(m.common.versionConflict, 6);
            void onConflict();
            return;
          }
          report(e, form);
        },
      },
    );

  const required = (label: string) => [{ required: true, whitespace: true, message: m.reports.common.required(label) }];
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={save.isPending}
      initialValues={{ dimensions: system.dimensions, thresholds: system.thresholds }}
      data-testid="indicator-form"
    >
      <Flex vertical gap={16}>
        <Card size="small" title={t.thresholds}>
          <Row gutter={12}>
            {(['excellent', 'good', 'pass'] as const).map((k) => (
              <Col xs={8} md={4} key={k}>
                <Form.Item label={t[k]} name={['thresholds', k]} rules={[{ required: true, message: m.reports.common.required(t[k]) }]}>
                  <InputNumber min={0} max={100} step={1} style={{ width: '100%' }} inputMode="decimal" />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary">{t.thresholdsOrder}</Typography.Text>
        </Card>
        <Form.List name="dimensions">
          {(dims, { add: addDim, remove: removeDim }) => (
            <>
              {dims.map((dim) => (
                <Card
                  key={dim.key}
                  size="small"
                  data-testid="indicator-dimension"
                  title={
                    <Form.Item name={[dim.name, 'name']} rules={required(t.dimensionName)} style={{ margin: '8px 0' }}>
                      <Input aria-label={t.dimensionName} placeholder={t.dimensionName} maxLength={50} />
                    </Form.Item>
                  }
                  extra={
                    <Space size={4}>
                      <Tag style={{ marginInlineEnd: 0 }}>
                        {points(sumOf({ dimensions: [watched?.dimensions?.[dim.name] ?? { name: '', indicators: [] }] }))} 分
                      </Tag>
                      <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t.removeDimension} onClick={() => removeDim(dim.name)} />
                    </Space>
                  }
                >
                  <Form.List name={[dim.name, 'indicators']}>
                    {(inds, { add, remove }) => (
                      <Flex vertical gap={8}>
                        {inds.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
                        {inds.map((ind) => (
                          <div
                            key={ind.key}
                            data-testid="indicator-edit"
                            data-code={watched?.dimensions?.[dim.name]?.indicators?.[ind.name]?.code ?? ''}
                            style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px 0' }}
                          >
                            <Row gutter={12}>
                              <Col xs={8} md={3}>
                                <Form.Item label={t.code} name={[ind.name, 'code']} rules={required(t.code)}>
                                  <Input maxLength={20} />
                                </Form.Item>
                              </Col>
                              <Col xs={16} md={8}>
                                <Form.Item label={t.name} name={[ind.name, 'name']} rules={required(t.name)}>
                                  <Input maxLength={100} />
                                </Form.Item>
                              </Col>
                              <Col xs={8} md={3}>
                                <Form.Item label={t.points} name={[ind.name, 'points']} rules={[{ required: true, message: m.reports.common.required(t.points) }]}>
                                  <InputNumber min={0.5} max={100} step={0.5} style={{ width: '100%' }} inputMode="decimal" />
                                </Form.Item>
                              </Col>
                              <Col xs={16} md={8}>
                                <Form.Item label={t.auto} name={[ind.name, 'auto']}>
                                  <Select<AutoIndicator> allowClear placeholder={t.manual} options={autoOptions} />
                                </Form.Item>
                              </Col>
                              <Col xs={24} md={2} style={{ textAlign: 'end' }}>
                                <Button
                                  type="text"
                                  danger
                                  icon={<DeleteOutlined aria-hidden />}
                                  aria-label={t.removeIndicator}
                                  onClick={() => remove(ind.name)}
                                  style={{ marginTop: 30 }}
                                />
                              </Col>
                              <Col xs={24}>
                                <Form.Item
                                  label={t.guidance}
                                  name={[ind.name, 'guidance']}
                                  extra={
                                    watched?.dimensions?.[dim.name]?.indicators?.[ind.name]?.auto === 'services' ? t.servicesHint : undefined
                                  }
                                >
                                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} />
                                </Form.Item>
                              </Col>
                            </Row>
                          </div>
                        ))}
                        <Button
                          type="dashed"
                          icon={<PlusOutlined aria-hidden />}
                          onClick={() => add({ code: '', name: '', points: null, guidance: '', auto: null })}
                        >
                          {t.addIndicator}
                        </Button>
                      </Flex>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => addDim({ name: '', indicators: [] })}>
                {t.addDimension}
              </Button>
            </>
          )}
        </Form.List>
        <Card size="small" style={{ position: 'sticky', bottom: 0, zIndex: 2 }}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text type={sumOk ? 'success' : 'danger'} strong data-testid="indicator-sum">
              {sumOk ? t.sumOk : t.sumMustBe100(sum)}
            </Typography.Text>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={save.isPending} disabled={!sumOk}>
              {t.save}
            </Button>
          </Flex>
        </Card>
      </Flex>
    </Form>
  );
}

