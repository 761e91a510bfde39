import { AimOutlined, ArrowLeftOutlined, CameraOutlined } from '@ant-design/icons';
import { ApplicationField } from '../applications/ApplicationField';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Result,
  Row,
  Segmented,
  Select,
  Switch,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { FileMeta } from '../../../shared/contracts/organizations';
import type { ServiceItem } from '../../../shared/contracts/service-catalogue';
import type { ServiceRecord } from '../../../shared/contracts/service-records';
import { clauseText } from '../../../shared/rules/clause-text';
import { SERVICE_METHODS, SERVICE_METHOD_LABELS, type ServiceMethod } from '../../../shared/rules/case-work';
import { SERVICE_DOMAINS, SERVICE_DOMAIN_LABELS, type ServiceDomain } from '../../../shared/rules/organizations';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageStates';
import { errorText } from '../../lib/errors';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { useCase } from '../cases/cases.api';
import { RuleAlert } from '../clients/clientLabels';
import { useClient, useOwnStation, useStationOptions } from '../clients/clients.api';
import { StickyActions } from '../clients/StickyActions';
import { useActionError } from '../clients/useActionError';
import { ClientPicker, type PickedClient } from './ClientPicker';
import { RecordCard } from './recordLabels';
import { VolunteerFields } from './VolunteerFields';
import { catalogueOptions, useCatalogue, useCoWorkerOptions, useCreateRecord } from './records.api';
import { ATTACHMENT_ACCEPT, attachmentProblem, uploadRecordAttachment, type UploadProgress } from './upload';

const t = m.daily.records;
const OTHER = '__other__';

/**
 * The excluded items as one group of disabled options, each saying why (值班值守 is the town's own
 * work, not station service, 第二部分第（一）条), so a worker looking for it learns why it is missing.
 */
function excludedOptions(items: readonly ServiceItem[] | undefined) {
  const excluded = (items ?? []).filter((i) => i.excluded);
  if (excluded.length === 0) return [];
  return [
    {
      label: m.daily.records.excludedGroup,
      title: m.daily.records.excludedGroup,
      options: excluded.map((i) => {
        const why = m.daily.records.excludedWhy(i.note, clauseText(i.clause));
        return {
          value: i.code,
          disabled: true,
          title: `${i.name} ${why}`,
          label: (
            <div data-testid={`excluded-${i.code}`} style={{ whiteSpace: 'normal' }}>
              <div>{i.name}</div>
              <div style={{ fontSize: 12 }}>{why}</div>
            </div>
          ),
        };
      }),
    },
  ];
}

const DURATIONS = [15, 30, 60, 90] as const;
const HOME = '服务对象家中';

interface RecordValues {
  date: Dayjs;
  method: ServiceMethod;
  homeVisit: boolean;
  stationId?: string;
  clientIds: string[];
  itemCode?: string;
  otherItem?: string;
  domain?: ServiceDomain;
  durationMinutes?: number;
  place?: string;
  volunteers: { name: string; hours?: number }[];
  coWorkerIds: string[];
  applicationId?: string;
  notes?: string;
}

/** Quick chips for the usual lengths, and a number for anything else. */
function DurationField({ value, onChange, id }: { value?: number; onChange?: (v: number | undefined) => void; id?: string }) {
  const chip = DURATIONS.find((d) => d === value);
  return (
    <Flex vertical gap={8}>
      <div role="group" aria-label={t.duration} style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 8 }}>
        {DURATIONS.map((d) => (
          <Button
            key={d}
            size="large"
            type={chip === d ? 'primary' : 'default'}
            aria-pressed={chip === d}
            onClick={() => onChange?.(d)}
            style={{ paddingInline: 4 }}
          >
            {m.daily.common.minutes(d)}
          </Button>
        ))}
      </div>
      <InputNumber<number>
        id={id}
        size="large"
        min={1}
        max={24 * 60}
        precision={0}
        inputMode="numeric"
        aria-label={t.durationCustom}
        placeholder={t.durationCustom}
        value={chip ? null : (value ?? null)}
        onChange={(v) => onChange?.(v ?? undefined)}
        style={{ width: '100%' }}
      />
    </Flex>
  );
}

type Location = { lat: number; lng: number } | null;

/** 获取位置: optional, only when the user asks, only for a home visit. */
function LocationField({ value, onChange }: { value: Location; onChange: (l: Location) => void }) {
  const [state, setState] = useState<'idle' | 'locating' | 'failed'>('idle');
  const supported = typeof navigator !== 'undefined' && 'geolocation' in navigator;
  const locate = () => {
    setState('locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setState('idle');
        onChange({ lat: pos.coords.latitude, lng: pos.coords.longitude });
      },
      () => setState('failed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  return (
    <div data-testid="location-field">
      <Flex gap={8} align="center" wrap>
        <Button size="large" icon={<AimOutlined aria-hidden />} onClick={locate} loading={state === 'locating'} disabled={!supported}>
          {state === 'locating' ? t.locating : t.locate}
        </Button>
        {value ? (
          <>
            <Typography.Text type="success">{t.located(value.lat, value.lng)}</Typography.Text>
            <Button type="link" onClick={() => onChange(null)}>
              {t.clearLocation}
            </Button>
          </>
        ) : null}
      </Flex>
      <Typography.Text type={state === 'failed' ? 'warning' : 'secondary'} style={{ display: 'block', marginTop: 4 }}>
        {!supported ? t.locateUnsupported : state === 'failed' ? t.locateFailed : t.locationOptional}
      </Typography.Text>
    </div>
  );
}

/**
 * 同工: the other workers on post at the station on the record's day (the server accepts no
 * one else). A station worker's own station is implied; others pick the station first.
 */
function CoWorkerField({ stationId, date, ownStation }: { stationId: string | undefined; date: Dayjs | undefined; ownStation: boolean }) {
  const day = (date ?? dayjs()).format('YYYY-MM-DD');
  const ready = ownStation || Boolean(stationId);
  const options = useCoWorkerOptions(ownStation ? null : (stationId ?? null), day, ready);
  const none = ready && options.data?.length === 0;
  const form = Form.useFormInstance<RecordValues>();
  // Another day or station has other people on post: drop the choices that no longer apply.
  useEffect(() => {
    if (!options.data) return;
    const allowed = new Set(options.data.map((w) => w.id));
    const chosen = (form.getFieldValue('coWorkerIds') as string[] | undefined) ?? [];
    if (chosen.some((id) => !allowed.has(id))) form.setFieldValue('coWorkerIds', chosen.filter((id) => allowed.has(id)));
  }, [options.data, form]);
  return (
    <Form.Item label={t.coWorkers} name="coWorkerIds">
      <Select<string[]>
        mode="multiple"
        size="large"
        aria-label={t.coWorkers}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        disabled={!ready || none}
        loading={options.isFetching}
        placeholder={!ready ? t.coWorkersNeedStation : none ? t.coWorkersNone : t.coWorkersPlaceholder}
        options={(options.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
      />
    </Form.Item>
  );
}

/** After saving: attach photos or a signed sheet, one at a time, with progress. */
function Attachments({ record }: { record: ServiceRecord }) {
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [files, setFiles] = useState<FileMeta[]>(record.attachments);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const onFile = (file: File | undefined) => {
    if (!file) return;
    setError(null);
    const problem = attachmentProblem(file);
    if (problem) {
      setError(problem);
      return;
    }
    uploadRecordAttachment(record.id, file, setProgress).then(
      (meta) => {
        setProgress(null);
        setFiles((prev) => [...prev, meta]);
        message.success(t.attached(meta.name));
        void client.invalidateQueries({ queryKey: ['service-records'] });
      },
      (e: unknown) => {
        setProgress(null);
        setError(errorText(e));
      },
    );
  };
  return (
    <Card size="small" title={t.attachTitle} data-testid="record-attachments">
      <Typography.Paragraph type="secondary">{t.attachHint}</Typography.Paragraph>
      <input
        ref={input}
        type="file"
        accept={ATTACHMENT_ACCEPT}
        aria-label={t.attach}
        data-testid="attachment-input"
        style={{ display: 'none' }}
        onChange={(e) => {
          onFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <Button size="large" block icon={<CameraOutlined aria-hidden />} onClick={() => input.current?.click()} disabled={progress !== null}>
        {t.attach}
      </Button>
      {progress ? (
        <div data-testid="upload-progress" aria-live="polite" style={{ marginTop: 8 }}>
          <Progress percent={progress.phase === 'sending' ? progress.percent : 100} status="active" size="small" />
          <Typography.Text type="secondary">{progress.phase === 'sending' ? t.uploading(progress.percent) : t.processing}</Typography.Text>
        </div>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} role="alert" /> : null}
      {files.length > 0 ? (
        <Flex vertical gap={4} style={{ marginTop: 8 }}>
          {files.map((f) => (
            <Typography.Text key={f.id} type="success">
              {t.attached(f.name)}
            </Typography.Text>
          ))}
        </Flex>
      ) : null}
    </Card>
  );
}

function Saved({ record, onAnother }: { record: ServiceRecord; onAnother: () => void }) {
  const navigate = useNavigate();
  const single = record.clients.length === 1 ? record.clients[0] : undefined;
  return (
    <Flex vertical gap={16} data-testid="record-saved">
      <Result status="success" title={t.savedTitle} style={{ padding: '16px 0' }} />
      <RecordCard r={record} />
      <Attachments record={record} />
      <Flex vertical gap={8}>
        {record.caseId ? (
          <Button type="primary" size="large" block onClick={() => void navigate(`/cases/${record.caseId}`)}>
            {t.backToCase}
          </Button>
        ) : single ? (
          <Button type="primary" size="large" block onClick={() => void navigate(`/clients/${single.id}?tab=timeline`)}>
            {t.backToClient}
          </Button>
        ) : null}
        <Button size="large" block onClick={onAnother}>
          {t.another}
        </Button>
      </Flex>
    </Flex>
  );
}

function EntryForm({ known, caseId, caseName, stationId, onSaved }: {
  known: PickedClient[];
  caseId: string | null;
  caseName: string | null;
  stationId: string | null;
  onSaved: (r: ServiceRecord) => void;
}) {
  const [form] = Form.useForm<RecordValues>();
  const isMobile = useIsMobile();
  const create = useCreateRecord();
  const catalogue = useCatalogue();
  const own = useOwnStation();
  const stations = useStationOptions(!own.isStationWorker);
  const { handle, rule, clearRule } = useActionError();
  const { message } = App.useApp();
  const [location, setLocation] = useState<Location>(null);
  const homeVisit = Form.useWatch<boolean>('homeVisit', form);
  const method = Form.useWatch<ServiceMethod | undefined>('method', form) ?? 'case';
  const itemCode = Form.useWatch<string | undefined>('itemCode', form);
  const date = Form.useWatch<Dayjs | undefined>('date', form);
  const pickedStation = Form.useWatch<string | undefined>('stationId', form);
  const options = [
    ...catalogueOptions(catalogue.data),
    { label: t.itemOther, title: t.itemOther, options: [{ value: OTHER, label: t.itemOther, title: t.itemOther }] },
    ...excludedOptions(catalogue.data),
  ];

  const onFinish = (v: RecordValues) => {
    clearRule();
    const other = v.itemCode === OTHER;
    create.mutate(
      {
        stationId: own.isStationWorker ? null : (v.stationId ?? null),
        date: v.date.format('YYYY-MM-DD'),
        durationMinutes: v.durationMinutes ?? 0,
        place: v.place?.trim() ?? '',
        method: caseId ? 'case' : v.method,
        itemCode: other ? null : (v.itemCode ?? null),
        otherItem: other ? (v.otherItem?.trim() ?? '') : '',
        domain: other ? (v.domain ?? null) : null,
        clientIds: caseId ? known.map((c) => c.id) : (v.clientIds ?? []),
        caseId,
        volunteers: (v.volunteers ?? []).map((x) => ({ name: x.name.trim(), hours: x.hours ?? 0 })),
        coWorkerIds: v.coWorkerIds ?? [],
        applicationId: v.applicationId ?? null,
        notes: v.notes?.trim() ?? '',
        homeVisit: v.homeVisit,
        latitude: v.homeVisit && location ? location.lat : null,
        longitude: v.homeVisit && location ? location.lng : null,
      },
      {
        onSuccess: (r) => {
          message.success(t.saved);
          onSaved(r);
        },
        onError: (e) => handle(e, { form }),
      },
    );
  };

  return (
    <Form<RecordValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={create.isPending}
      scrollToFirstError
      requiredMark={false}
      initialValues={{
        date: dayjs(),
        method: 'case',
        homeVisit: false,
        stationId: stationId ?? undefined,
        clientIds: known.map((c) => c.id),
        volunteers: [],
        coWorkerIds: [],
      }}
      style={{ maxWidth: 640 }}
      data-testid="record-form"
    >
      {caseName ? (
        <Tag color="blue" style={{ marginBottom: 12, fontSize: 14, padding: '4px 8px' }} data-testid="record-case">
          {t.forCase(caseName)}
        </Tag>
      ) : null}
      <Row gutter={12}>
        {/* A case's record is 个案 work for the case's client: nothing to choose. */}
        {caseId ? null : (
          <Col span={24}>
            <Form.Item label={t.method} name="method">
              <Segmented<ServiceMethod> block size="large" options={SERVICE_METHODS.map((x) => ({ value: x, label: SERVICE_METHOD_LABELS[x] }))} />
            </Form.Item>
          </Col>
        )}
        <Col xs={14} md={12}>
          <Form.Item label={t.date} name="date" rules={[{ required: true }]}>
            <DatePicker size="large" style={{ width: '100%' }} inputReadOnly={isMobile} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
        <Col xs={10} md={12}>
          <Form.Item label={t.homeVisit} name="homeVisit" valuePropName="checked">
            <Switch
              aria-label={t.homeVisit}
              style={{ marginTop: 8, transform: 'scale(1.25)', transformOrigin: 'left center' }}
              onChange={(on) => {
                if (on && !form.getFieldValue('place')) form.setFieldValue('place', HOME);
              }}
            />
          </Form.Item>
        </Col>
        {homeVisit ? (
          <Col span={24}>
            <Form.Item label={t.location}>
              <LocationField value={location} onChange={setLocation} />
            </Form.Item>
          </Col>
        ) : null}
        {!own.isStationWorker ? (
          <Col span={24}>
            <Form.Item label={t.stationPick} name="stationId" rules={[{ required: true, message: m.daily.clients.stationRequired }]}>
              <Select<string>
                size="large"
                showSearch={{ optionFilterProp: 'label' }}
                loading={stations.isPending}
                options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </Col>
        ) : null}
        {caseId ? null : (
          <Col span={24}>
            <Form.Item
              label={t.clients}
              name="clientIds"
              rules={[{ required: method === 'case', type: 'array', min: method === 'case' ? 1 : 0, message: t.clientRequired }]}
            >
              <ClientPicker known={known} aria-label={t.clients} />
            </Form.Item>
          </Col>
        )}
        <Col span={24}>
          <Form.Item label={t.item} name="itemCode" rules={[{ required: true, message: t.itemRequired }]}>
            <Select<string>
              size="large"
              aria-label={t.item}
              placeholder={t.itemSearch}
              loading={catalogue.isPending}
              showSearch={{ optionFilterProp: 'title' }}
              options={options}
              listHeight={isMobile ? 320 : 256}
            />
          </Form.Item>
        </Col>
        {itemCode === OTHER ? (
          <>
            <Col span={24}>
              <Alert type="warning" showIcon title={t.otherItemNote} style={{ marginBottom: 12 }} data-testid="other-item-note" />
            </Col>
            <Col xs={24} md={14}>
              <Form.Item label={t.otherItem} name="otherItem" rules={[{ required: true, whitespace: true, message: t.otherItemRequired }]}>
                <Input size="large" maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item label={t.otherDomain} name="domain" rules={[{ required: true, message: m.daily.cases.domainRequired }]}>
                <Select<ServiceDomain> size="large" options={SERVICE_DOMAINS.map((d) => ({ value: d, label: SERVICE_DOMAIN_LABELS[d] }))} />
              </Form.Item>
            </Col>
          </>
        ) : null}
        <Col span={24}>
          <Form.Item label={t.duration} name="durationMinutes" rules={[{ required: true, message: t.durationRequired }]}>
            <DurationField />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={t.place} name="place">
            <Input size="large" maxLength={200} placeholder={t.placePlaceholder} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={t.notes} name="notes">
            <Input.TextArea maxLength={5000} autoSize={{ minRows: 4, maxRows: 12 }} placeholder={t.notesPlaceholder} style={{ fontSize: 16 }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <CoWorkerField stationId={pickedStation} date={date} ownStation={own.isStationWorker} />
        </Col>
        <Col span={24}>
          <ApplicationField stationId={pickedStation} date={date} ownStation={own.isStationWorker} />
        </Col>
        <Col span={24}>
          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
            {t.volunteers}
          </Typography.Text>
          <VolunteerFields />
        </Col>
      </Row>
      <div style={{ marginTop: 16 }}>
        <RuleAlert rule={rule?.rule ?? null} message={rule?.message} onClose={clearRule} />
      </div>
      <StickyActions>
        <Button type="primary" htmlType="submit" size="large" block loading={create.isPending} style={{ height: 48, fontSize: 17, maxWidth: isMobile ? undefined : 320 }}>
          {t.save}
        </Button>
      </StickyActions>
    </Form>
  );
}

/**
 * 记一笔 (/records/new?clientId=&caseId=): the fast record of one service or home visit,
 * made for one hand on a phone; afterwards a photo or signed sheet can be attached.
 */
export default function RecordEntryPage() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const caseId = search.get('caseId');
  const clientIdParam = search.get('clientId');
  const theCase = useCase(caseId ?? undefined);
  // The client's name for the picker: from the case when there is one (no extra record view).
  const client = useClient(!caseId && clientIdParam ? clientIdParam : undefined);
  const [saved, setSaved] = useState<ServiceRecord | null>(null);
  const [round, setRound] = useState(0);

  if ((caseId && theCase.isPending) || (!caseId && clientIdParam && client.isPending)) return <PageLoading />;
  const known: PickedClient[] = theCase.data
    ? [{ id: theCase.data.clientId, name: theCase.data.clientName }]
    : client.data
      ? [{ id: client.data.id, name: client.data.name }]
      : [];

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate(-1)} style={{ paddingInline: 0 }}>
        {m.common.back}
      </Button>
      <PageHeader title={t.newTitle} />
      {saved ? (
        <div style={{ maxWidth: 640 }}>
          <Saved
            record={saved}
            onAnother={() => {
              setSaved(null);
              setRound((n) => n + 1);
            }}
          />
        </div>
      ) : (
        <EntryForm
          key={round}
          known={known}
          caseId={theCase.data?.id ?? null}
          caseName={theCase.data?.clientName ?? null}
          stationId={theCase.data?.stationId ?? client.data?.stationId ?? null}
          onSaved={(r) => {
            setSaved(r);
            window.scrollTo(0, 0);
          }}
        />
      )}
    </>
  );
}
