import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Radio, Row, Select, Tag, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { NeedDto } from '../../../shared/contracts/resources';
import { TARGET_GROUP_LABELS } from '../../../shared/rules/clients';
import { SERVICE_DOMAINS, SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { NEED_SOURCES, NEED_SOURCE_LABELS, NEED_STATUSES, NEED_STATUS_LABELS, PUBLIC_STATES, PUBLIC_STATE_LABELS, type NeedSource, type ResourceKind } from '../../../shared/rules/resources';
import { DrawerForm, useDrawerSave } from '../../components/DrawerForm';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { formatDateTime, orDash } from '../../lib/format';
import { PermissionGate, useCurrentUser } from '../../lib/permissions';
import { m } from '../../i18n';
import { StationSelect } from '../reports/fields';
import { ClientPicker } from '../service-records/ClientPicker';
import { useCreateNeed, useNeeds, type NeedListQuery } from './resources.api';
import { domainOptions, groupOptions, kindOptions, NeedStatusTag, PublicStateTag, QuantityItem, quantityOf, quantityText } from './resourceFields';

const t = m.resources.needs;
const c = m.resources.common;
const KEYS = ['keyword', 'status', 'domain', 'stationId', 'publicState'] as const;

interface NeedValues {
  source: NeedSource;
  stationId?: string;
  clientIds?: string[];
  caseId?: string;
  domain: NeedDto['domain'];
  targetGroup?: NeedDto['targetGroup'];
  kind: ResourceKind;
  quantity: unknown;
  title: string;
  description?: string;
  place?: string;
  neededBy?: string;
}

function NeedDrawer({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<NeedValues>();
  const me = useCurrentUser();
  const create = useCreateNeed();
  const navigate = useNavigate();
  const save = useDrawerSave(form, { saved: t.created, onClose });
  const source = Form.useWatch('source', form) ?? 'community';
  const kind = Form.useWatch('kind', form);
  const onFinish = (v: NeedValues) =>
    create.mutate(
      {
        source: v.source, stationId: v.source === 'community' ? (v.stationId ?? null) : null,
        clientId: v.source === 'client' ? (v.clientIds?.[0] ?? null) : null, caseId: v.source === 'case' ? (v.caseId?.trim() ?? null) : null,
        domain: v.domain, targetGroup: v.targetGroup ?? null, kind: v.kind, quantity: quantityOf(v.kind, v.quantity), title: v.title,
        description: v.description ?? '', place: v.place ?? '', neededBy: v.neededBy || null,
      },
      { onSuccess: (n) => { save.onSuccess(); void navigate(`/resources/needs/${n.id}`); }, onError: save.onError },
    );
  return (
    <DrawerForm<NeedValues>
      title={t.createTitle}
      form={form}
      testId="need-drawer"
      initialValues={{ source: 'community', stationId: me.scope.stationId ?? undefined, domain: 'elderly', kind: 'goods' }}
      onFinish={onFinish}
      pending={create.isPending}
      onClose={onClose}
    >
      <Form.Item label={t.source} name="source">
        <Radio.Group optionType="button" options={NEED_SOURCES.map((s) => ({ value: s, label: NEED_SOURCE_LABELS[s] }))} />
      </Form.Item>
      {source === 'community' ? (
        <Form.Item label={c.station} name="stationId" rules={[{ required: true, message: t.stationRequired }]}>
          <StationSelect aria-label={c.station} />
        </Form.Item>
      ) : source === 'client' ? (
        <Form.Item label={t.client} name="clientIds" rules={[{ required: true, type: 'array', min: 1, max: 1, message: t.clientRequired }]}>
          <ClientPicker aria-label={t.client} />
        </Form.Item>
      ) : (
        <Form.Item label={t.caseId} name="caseId" rules={[{ required: true, message: t.caseRequired }]}>
          <Input maxLength={36} />
        </Form.Item>
      )}
      <Form.Item label={t.needTitle} name="title" rules={[{ required: true, whitespace: true, message: t.titleRequired }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label={c.domain} name="domain" rules={[{ required: true }]}>
            <Select options={domainOptions} aria-label={c.domain} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={c.targetGroup} name="targetGroup">
            <Select options={groupOptions} allowClear aria-label={c.targetGroup} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={c.kind} name="kind" rules={[{ required: true }]}>
            <Select options={kindOptions} aria-label={c.kind} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <QuantityItem kind={kind} />
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={c.place} name="place">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={c.neededBy} name="neededBy">
            <Input type="date" aria-label={c.neededBy} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t.description} name="description">
        <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
    </DrawerForm>
  );
}

/** 需求与对接: the needs of the stations in scope, with their state and whether they are on the wall. */
export default function NeedsPage() {
  const list = useListState(KEYS);
  const { url, page, pageSize } = list;
  const [creating, setCreating] = useState(false);
  const query: NeedListQuery = useMemo(
    () => ({
      keyword: url.keyword, status: oneOf(NEED_STATUSES, url.status), domain: oneOf(SERVICE_DOMAINS, url.domain), stationId: url.stationId,
      publicState: oneOf(PUBLIC_STATES, url.publicState), page, pageSize,
    }),
    [url.keyword, url.status, url.domain, url.stationId, url.publicState, page, pageSize],
  );
  const result = useNeeds(query);
  const progress = (n: NeedDto) => `${quantityText(n.kind, n.delivered)} / ${quantityText(n.kind, n.quantity)}`;
  const columns: TableProps<NeedDto>['columns'] = [
    { title: t.needTitle, key: 'title', width: 200, fixed: 'start', render: (_, n) => <Link to={`/resources/needs/${n.id}`}>{n.title}</Link> },
    { title: t.source, key: 'source', width: 140, render: (_, n) => `${NEED_SOURCE_LABELS[n.source]}${n.clientLabel ? `：${n.clientLabel}` : ''}` },
    { title: c.domain, key: 'domain', width: 100, render: (_, n) => SERVICE_DOMAIN_LABELS[n.domain] },
    { title: c.targetGroup, key: 'group', width: 120, render: (_, n) => (n.targetGroup ? TARGET_GROUP_LABELS[n.targetGroup] : '—') },
    { title: c.kind, key: 'kind', width: 170, render: (_, n) => progress(n) },
    { title: c.station, dataIndex: 'stationName', key: 'station', width: 200 },
    { title: c.neededBy, key: 'neededBy', width: 110, render: (_, n) => orDash(n.neededBy) },
    { title: c.status, key: 'status', width: 150, render: (_, n) => <><NeedStatusTag s={n.status} /><PublicStateTag s={n.publicState} /></> },
    { title: c.createdAt, key: 'createdAt', width: 160, render: (_, n) => formatDateTime(n.createdAt) },
  ];
  return (
    <>
      <ListPage<NeedDto>
        title={t.title}
        header={<div style={{ color: 'rgba(0,0,0,0.55)', marginTop: 4 }}>{t.intro}</div>}
        extra={
          <PermissionGate permission="resource:write">
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          </PermissionGate>
        }
        list={list}
        filters={[
          { type: 'search', key: 'keyword', label: t.keyword },
          { type: 'select', key: 'status', label: c.status, options: NEED_STATUSES.map((s) => ({ value: s, label: NEED_STATUS_LABELS[s] })) },
          { type: 'select', key: 'domain', label: c.domain, options: domainOptions },
          { type: 'select', key: 'publicState', label: m.resources.public.title, options: PUBLIC_STATES.map((s) => ({ value: s, label: PUBLIC_STATE_LABELS[s] })) },
          { type: 'custom', key: 'stationId', label: c.station, span: { xs: 24, md: 4 }, render: (v, on) => <StationSelect aria-label={c.station} placeholder={c.station} allowClear value={v} onChange={(x) => on(x)} /> },
        ]}
        result={result}
        columns={columns}
        scrollX={1350}
        empty={t.empty}
        cardsTestId="need-cards"
        card={(n) => (
          <ListCard
            title={<Link to={`/resources/needs/${n.id}`}>{n.title}</Link>}
            tag={<NeedStatusTag s={n.status} />}
            meta={`${n.stationName} · ${SERVICE_DOMAIN_LABELS[n.domain]}${n.clientLabel ? ` · ${n.clientLabel}` : ''}`}
          >
            {progress(n)}
            {n.publicState !== 'none' ? <Tag style={{ marginInlineStart: 8 }}>{PUBLIC_STATE_LABELS[n.publicState]}</Tag> : null}
          </ListCard>
        )}
      />
      {creating ? <NeedDrawer onClose={() => setCreating(false)} /> : null}
    </>
  );
}
