import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Divider, Form, Input, Row, Select, Switch, Tag, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import type { OfferDto } from '../../../shared/contracts/resources';
import { TARGET_GROUP_LABELS } from '../../../shared/rules/clients';
import { SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { DONOR_KINDS, DONOR_KIND_LABELS, RESOURCE_KINDS, RESOURCE_KIND_LABELS, type DonorKind, type ResourceKind } from '../../../shared/rules/resources';
import { DrawerForm, useDrawerSave } from '../../components/DrawerForm';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { PermissionGate, useCurrentUser } from '../../lib/permissions';
import { m } from '../../i18n';
import { usePartners } from '../partners/partners.api';
import { StationSelect } from '../reports/fields';
import { useCreateOffer, useOffers, type OfferListQuery } from './resources.api';
import { domainOptions, groupOptions, kindOptions, QuantityItem, quantityOf, quantityText } from './resourceFields';

const t = m.resources.offers;
const c = m.resources.common;
const KEYS = ['keyword', 'kind', 'donorKind', 'stationId', 'available'] as const;
const donorOptions = DONOR_KINDS.map((k) => ({ value: k, label: DONOR_KIND_LABELS[k] }));

interface OfferValues {
  stationId: string;
  donorKind: DonorKind;
  donorName: string;
  partnerId?: string;
  kind: ResourceKind;
  itemName?: string;
  quantity: unknown;
  domain?: OfferDto['domain'];
  place?: string;
  availableFrom?: string;
  availableTo?: string;
  wishDomain?: OfferDto['wishDomain'];
  wishTargetGroup?: OfferDto['wishTargetGroup'];
  wishStationId?: string;
  thankPublicly: boolean;
  publicName?: string;
  note?: string;
}

function OfferDrawer({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<OfferValues>();
  const me = useCurrentUser();
  const create = useCreateOffer();
  const save = useDrawerSave(form, { saved: t.created, onClose });
  const kind = Form.useWatch('kind', form);
  const donorKind = Form.useWatch('donorKind', form);
  const thank = Form.useWatch('thankPublicly', form);
  const partners = usePartners({ pageSize: 200 }, donorKind === 'partner');
  const onFinish = (v: OfferValues) =>
    create.mutate(
      {
        stationId: v.stationId, donorKind: v.donorKind, donorName: v.donorName, partnerId: v.donorKind === 'partner' ? (v.partnerId ?? null) : null,
        kind: v.kind, itemName: v.itemName ?? '', quantity: quantityOf(v.kind, v.quantity), domain: v.domain ?? null, place: v.place ?? '',
        availableFrom: v.availableFrom || null, availableTo: v.availableTo || null, wishDomain: v.wishDomain ?? null,
        wishTargetGroup: v.wishTargetGroup ?? null, wishStationId: v.wishStationId ?? null, wishNeedId: null,
        thankPublicly: v.thankPublicly, publicName: v.thankPublicly ? (v.publicName ?? '') : '', note: v.note ?? '',
      },
      save,
    );
  return (
    <DrawerForm<OfferValues>
      title={t.createTitle}
      form={form}
      testId="offer-drawer"
      initialValues={{ stationId: me.scope.stationId ?? undefined, donorKind: 'enterprise', kind: 'goods', thankPublicly: false }}
      onFinish={onFinish}
      pending={create.isPending}
      onClose={onClose}
    >
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label={c.station} name="stationId" rules={[{ required: true, message: m.resources.needs.stationRequired }]}>
            <StationSelect aria-label={c.station} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t.donorKind} name="donorKind" rules={[{ required: true }]}>
            <Select options={donorOptions} aria-label={t.donorKind} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t.donorName} name="donorName" rules={[{ required: true, whitespace: true, message: t.donorRequired }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        {donorKind === 'partner' ? (
          <Col xs={24} sm={12}>
            <Form.Item label={t.partner} name="partnerId" rules={[{ required: true, message: t.partnerRequired }]}>
              <Select
                aria-label={t.partner}
                showSearch={{ optionFilterProp: 'label' }}
                loading={partners.isFetching}
                options={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={24} sm={12}>
          <Form.Item label={c.kind} name="kind" rules={[{ required: true }]}>
            <Select options={kindOptions} aria-label={c.kind} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t.itemName} name="itemName" rules={kind === 'goods' ? [{ required: true, whitespace: true, message: t.itemRequired }] : []}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <QuantityItem kind={kind} />
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t.domain} name="domain">
            <Select options={domainOptions} allowClear aria-label={t.domain} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t.availableFrom} name="availableFrom">
            <Input type="date" aria-label={t.availableFrom} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t.availableTo} name="availableTo">
            <Input type="date" aria-label={t.availableTo} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={c.place} name="place">
        <Input maxLength={100} />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t.wish}
      </Divider>
      <Typography.Paragraph type="secondary">{t.wishHint}</Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item label={t.wishDomain} name="wishDomain">
            <Select options={domainOptions} allowClear aria-label={t.wishDomain} placeholder={c.none} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label={t.wishTargetGroup} name="wishTargetGroup">
            <Select options={groupOptions} allowClear aria-label={t.wishTargetGroup} placeholder={c.none} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label={t.wishStation} name="wishStationId">
            <StationSelect aria-label={t.wishStation} allowClear placeholder={c.none} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t.thankPublicly} name="thankPublicly" valuePropName="checked">
        <Switch aria-label={t.thankPublicly} />
      </Form.Item>
      {thank ? (
        <Form.Item label={t.publicName} name="publicName" rules={[{ required: true, whitespace: true, message: t.publicNameRequired }]}>
          <Input maxLength={50} />
        </Form.Item>
      ) : null}
      <Form.Item label={t.note} name="note">
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </DrawerForm>
  );
}

function wishText(o: OfferDto): string {
  const parts = [
    o.wishDomain ? SERVICE_DOMAIN_LABELS[o.wishDomain] : null,
    o.wishTargetGroup ? TARGET_GROUP_LABELS[o.wishTargetGroup] : null,
    o.wishStationId ? t.wishStation : null,
    o.wishNeedId ? m.resources.needs.title : null,
  ].filter(Boolean);
  return parts.length ? `定向：${parts.join('、')}` : '';
}

/** 慈善资源: what donors, charities, enterprises, departments and volunteers offer, and what is left. */
export default function OffersPage() {
  const list = useListState(KEYS);
  const { url, page, pageSize } = list;
  const [creating, setCreating] = useState(false);
  const query: OfferListQuery = useMemo(
    () => ({
      keyword: url.keyword, kind: oneOf(RESOURCE_KINDS, url.kind), donorKind: oneOf(DONOR_KINDS, url.donorKind), stationId: url.stationId,
      available: url.available === 'true' ? 'true' : undefined, page, pageSize,
    }),
    [url.keyword, url.kind, url.donorKind, url.stationId, url.available, page, pageSize],
  );
  const result = useOffers(query);
  const columns: TableProps<OfferDto>['columns'] = [
    { title: t.donorName, key: 'donor', width: 200, fixed: 'start', render: (_, o) => <>{o.donorName}<div><Tag>{DONOR_KIND_LABELS[o.donorKind]}</Tag></div></> },
    { title: c.kind, key: 'kind', width: 160, render: (_, o) => `${RESOURCE_KIND_LABELS[o.kind]}${o.itemName ? `：${o.itemName}` : ''}` },
    { title: t.total, key: 'total', width: 130, align: 'right', render: (_, o) => quantityText(o.kind, o.quantity) },
    { title: t.delivered, key: 'delivered', width: 130, align: 'right', render: (_, o) => quantityText(o.kind, o.delivered) },
    { title: t.available, key: 'available', width: 130, align: 'right', render: (_, o) => quantityText(o.kind, o.available) },
    { title: t.wish, key: 'wish', width: 180, render: (_, o) => wishText(o) || c.none },
    { title: c.station, dataIndex: 'stationName', key: 'station', width: 200 },
  ];
  return (
    <>
      <ListPage<OfferDto>
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
          { type: 'select', key: 'kind', label: c.kind, options: kindOptions },
          { type: 'select', key: 'donorKind', label: t.donorKind, options: donorOptions },
          { type: 'check', key: 'available', label: t.availableOnly },
        ]}
        result={result}
        columns={columns}
        scrollX={1150}
        empty={t.empty}
        cardsTestId="offer-cards"
        card={(o) => (
          <ListCard title={o.donorName} tag={<Tag>{DONOR_KIND_LABELS[o.donorKind]}</Tag>} meta={`${RESOURCE_KIND_LABELS[o.kind]}${o.itemName ? `：${o.itemName}` : ''} · ${o.stationName}`}>
            {t.available} {quantityText(o.kind, o.available)} / {t.total} {quantityText(o.kind, o.quantity)}
            {wishText(o) ? <div>{wishText(o)}</div> : null}
          </ListCard>
        )}
      />
      {creating ? <OfferDrawer onClose={() => setCreating(false)} /> : null}
    </>
  );
}
