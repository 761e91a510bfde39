import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Descriptions, Empty, Flex, Form, Input, List, Select, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { MatchDto, NeedDto, OfferDto } from '../../../shared/contracts/resources';
import type { RuleRef } from '../../../shared/errors';
import { chinaToday } from '../../../shared/rules/china-date';
import { TARGET_GROUP_LABELS } from '../../../shared/rules/clients';
import { SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { NEED_SOURCE_LABELS, RESOURCE_KIND_LABELS } from '../../../shared/rules/resources';
import { DrawerForm, useDrawerSave } from '../../components/DrawerForm';
import { PageHeader } from '../../components/PageHeader';
import { LoadError, PageLoading } from '../../components/PageStates';
import { Finding } from '../../components/RuleTag';
import { ruleOf } from '../../components/rule-of';
import { isApiError } from '../../lib/api';
import { orDash } from '../../lib/format';
import { useCurrentUser, usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { useCloseNeed, useDecideMatch, useDeliver, useNeed, useProposeMatch, useRequestPublic, useReviewPublic, useSuggestions } from './resources.api';
import { MatchStatusTag, NeedStatusTag, PublicStateTag, QuantityItem, quantityOf, quantityText, uploadProof } from './resourceFields';

const t = m.resources.needs;
const s = m.resources.suggestions;
const mt = m.resources.matches;
const p = m.resources.public;
const c = m.resources.common;

/** A refusal the API named a rule for: the sentence, then the clause and id. */
function useRefusal() {
  const [refusal, setRefusal] = useState<{ rule: RuleRef; message: string } | null>(null);
  const { message } = App.useApp();
  const onError = (e: unknown) => {
    // The sentence first; the clause and id follow as the small tag, not inside the sentence.
    if (isApiError(e) && e.rule) setRefusal({ rule: e.rule, message: e.message.replace(/（R-[A-Z-]+，[^）]*）$/, '') });
    else message.error(isApiError(e) ? e.message : m.app.loadFailed);
  };
  const shown = refusal ? (
    <Card size="small" style={{ marginBottom: 16, borderColor: '#ffccc7' }} data-testid="resource-refusal">
      <Finding rule={ruleOf(refusal.rule.id)} message={refusal.message} />
    </Card>
  ) : null;
  return { onError, shown, clear: () => setRefusal(null) };
}

function ProposeDrawer({ need, offer, onClose, onError }: { need: NeedDto; offer: OfferDto; onClose: () => void; onError: (e: unknown) => void }) {
  const [form] = Form.useForm<{ quantity: unknown; sharesClient: boolean; note?: string }>();
  const propose = useProposeMatch();
  const save = useDrawerSave(form, { saved: s.proposed, onClose });
  return (
    <DrawerForm
      title={`${s.proposeTitle}：${offer.donorName}`}
      form={form}
      testId="propose-drawer"
      initialValues={{ sharesClient: false }}
      okText={s.propose}
      pending={propose.isPending}
      onClose={onClose}
      intro={<Typography.Paragraph type="secondary">{s.available} {quantityText(offer.kind, offer.available)}</Typography.Paragraph>}
      onFinish={(v) =>
        propose.mutate(
          { needId: need.id, offerId: offer.id, quantity: quantityOf(need.kind, v.quantity), sharesClient: v.sharesClient, note: v.note ?? '' },
          { onSuccess: save.onSuccess, onError: (e) => { onError(e); onClose(); } },
        )
      }
    >
      <QuantityItem kind={need.kind} />
      {need.clientId ? (
        <Form.Item name="sharesClient" valuePropName="checked">
          <Checkbox>{s.sharesClient}</Checkbox>
        </Form.Item>
      ) : null}
      <Form.Item label={s.note} name="note">
        <Input.TextArea maxLength={300} autoSize={{ minRows: 2 }} />
      </Form.Item>
    </DrawerForm>
  );
}

function DeliverDrawer({ match, kind, onClose, onError }: { match: MatchDto; kind: NeedDto['kind']; onClose: () => void; onError: (e: unknown) => void }) {
  const [form] = Form.useForm<{ quantity: unknown; deliveredOn: string; note?: string; needMet: boolean; photoId?: string; photoConsented: boolean }>();
  const deliver = useDeliver();
  const save = useDrawerSave(form, { saved: mt.delivered, onClose });
  const proofs = match.pendingProofs;
  const photos = proofs.filter((f) => f.mime.startsWith('image/'));
  return (
    <DrawerForm
      title={mt.deliverTitle}
      form={form}
      testId="deliver-drawer"
      initialValues={{ deliveredOn: chinaToday(), needMet: true, photoConsented: false }}
      okText={mt.deliver}
      pending={deliver.isPending}
      onClose={onClose}
      intro={
        <Typography.Paragraph type="secondary">
          {mt.remaining(quantityText(kind, match.quantity - match.delivered))} · {mt.proofs}：{proofs.map((f) => f.name).join('、') || mt.proofRequired}
        </Typography.Paragraph>
      }
      onFinish={(v) =>
        deliver.mutate(
          {
            id: match.id,
            body: {
              quantity: quantityOf(kind, v.quantity), deliveredOn: v.deliveredOn, note: v.note ?? '', needMet: v.needMet, proofFileIds: proofs.map((f) => f.id),
              publicPhoto: v.photoId && v.photoConsented ? { fileId: v.photoId, consented: true } : null,
            },
          },
          { onSuccess: save.onSuccess, onError: (e) => { onError(e); onClose(); } },
        )
      }
    >
      <QuantityItem kind={kind} />
      <Form.Item label={mt.deliveredOn} name="deliveredOn" rules={[{ required: true }]}>
        <Input type="date" aria-label={mt.deliveredOn} max={chinaToday()} />
      </Form.Item>
      <Form.Item label={s.note} name="note">
        <Input.TextArea maxLength={300} autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item name="needMet" valuePropName="checked">
        <Checkbox>{mt.needMet}</Checkbox>
      </Form.Item>
      {photos.length ? (
        <>
          <Form.Item label={mt.publicPhoto} name="photoId" extra={mt.publicPhotoHint}>
            <Select allowClear aria-label={mt.publicPhoto} options={photos.map((f) => ({ value: f.id, label: f.name }))} />
          </Form.Item>
          <Form.Item name="photoConsented" valuePropName="checked" rules={[{ validator: async (_, v: boolean) => { if (form.getFieldValue('photoId') && !v) throw new Error(mt.photoConsentRequired); } }]}>
            <Checkbox>{mt.photoConsented}</Checkbox>
          </Form.Item>
        </>
      ) : null}
    </DrawerForm>
  );
}

function MatchCard({ match, need, onError, onDeliver }: { match: MatchDto; need: NeedDto; onError: (e: unknown) => void; onDeliver: () => void }) {
  const me = useCurrentUser();
  const canConfirm = usePermission('resource:confirm');
  const canWrite = usePermission('resource:write');
  const decide = useDecideMatch();
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const reject = () => {
    let comment = '';
    modal.confirm({
      title: mt.rejectTitle,
      content: <Input.TextArea aria-label={mt.comment} placeholder={mt.commentRequired} onChange={(e) => (comment = e.target.value)} />,
      okText: mt.reject,
      cancelText: m.common.cancel,
      onOk: () => decide.mutateAsync({ id: match.id, body: { version: match.version, approve: false, comment } }).then(() => message.success(mt.rejected), onError),
    });
  };
  return (
    <Card size="small" data-testid="match-card" title={<Space wrap>{match.offer.donorName}<MatchStatusTag s={match.status} /></Space>}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {RESOURCE_KIND_LABELS[match.offer.kind]}{match.offer.itemName ? `：${match.offer.itemName}` : ''} · {quantityText(need.kind, match.delivered)} / {quantityText(need.kind, match.quantity)}
        {match.sharesClient ? <Tag style={{ marginInlineStart: 8 }}>{mt.shares}</Tag> : null}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {mt.proposedBy}：{match.proposedByName}
        {match.decidedByName ? ` · ${mt.decidedBy}：${match.decidedByName}` : ''}
        {match.decisionComment ? ` · ${match.decisionComment}` : ''}
      </Typography.Text>
      {match.deliveries.length ? (
        <List
          size="small"
          header={mt.deliveries}
          dataSource={match.deliveries}
          renderItem={(d) => (
            <List.Item>
              {d.deliveredOn} · {quantityText(need.kind, d.quantity)} · {d.recordedByName} · {d.proofs.map((f) => f.name).join('、')}
            </List.Item>
          )}
        />
      ) : null}
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        {match.status === 'proposed' && canConfirm && match.proposedById !== me.id ? (
          <>
            <Button type="primary" size="small" loading={decide.isPending}
              onClick={() => decide.mutate({ id: match.id, body: { version: match.version, approve: true, comment: '' } }, { onSuccess: () => message.success(mt.confirmed), onError })}>
              {mt.confirm}
            </Button>
            <Button size="small" onClick={reject}>{mt.reject}</Button>
          </>
        ) : null}
        {match.status === 'confirmed' && canWrite ? (
          <>
            <Upload
              accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
              showUploadList={false}
              beforeUpload={(file) => {
                setUploading(true);
                uploadProof(match.id, file)
                  .then(() => { message.success(mt.uploaded); return client.invalidateQueries({ queryKey: ['resources'] }); }, onError)
                  .finally(() => setUploading(false));
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined aria-hidden />} loading={uploading}>{mt.uploadProof}</Button>
            </Upload>
            {match.pendingProofs.map((f) => <Tag key={f.id}>{f.name}</Tag>)}
            <Button size="small" type="primary" onClick={onDeliver}>{mt.deliver}</Button>
          </>
        ) : null}
      </Flex>
    </Card>
  );
}

function PublicSection({ need, onError, onDone }: { need: NeedDto; onError: (e: unknown) => void; onDone: () => void }) {
  const canWrite = usePermission('resource:write');
  const canReview = usePermission('resource:confirm');
  const request = useRequestPublic();
  const review = useReviewPublic();
  const { message } = App.useApp();
  const [text, setText] = useState(need.publicText);
  const decide = (decision: 'publish' | 'return' | 'withdraw', done: string) =>
    review.mutate({ id: need.id, body: { version: need.version, decision } }, { onSuccess: () => { onDone(); message.success(done); }, onError });
  return (
    <Card size="small" title={<Space>{p.title}<PublicStateTag s={need.publicState} /></Space>} data-testid="public-section">
      <Typography.Paragraph type="secondary">{p.intro}</Typography.Paragraph>
      {canWrite && need.status !== 'cancelled' ? (
        <Flex vertical gap={8}>
          <Input.TextArea aria-label={p.text} value={text} maxLength={300} showCount autoSize={{ minRows: 2 }} onChange={(e) => setText(e.target.value)} />
          <div>
            <Button loading={request.isPending} disabled={!text.trim()}
              onClick={() => request.mutate({ id: need.id, body: { version: need.version, publicText: text } }, { onSuccess: () => { onDone(); message.success(p.submitted); }, onError })}>
              {p.submit}
            </Button>
          </div>
        </Flex>
      ) : (
        <Typography.Paragraph>{orDash(need.publicText)}</Typography.Paragraph>
      )}
      {canReview && need.publicState === 'pending' ? (
        <Flex gap={8} style={{ marginTop: 8 }}>
          <Button type="primary" loading={review.isPending} onClick={() => decide('publish', p.published)}>{p.publish}</Button>
          <Button onClick={() => decide('return', p.returned)}>{p.return}</Button>
        </Flex>
      ) : null}
      {canReview && need.publicState === 'published' ? (
        <Button style={{ marginTop: 8 }} onClick={() => decide('withdraw', p.withdrawn)}>{p.withdraw}</Button>
      ) : null}
      {need.publicState === 'pending' && !canReview ? <Typography.Text type="secondary">{p.submitted}</Typography.Text> : null}
    </Card>
  );
}

/** One need: who it is for (masked out of scope), resources suggested, matches, deliveries and the wall. */
export default function NeedPage() {
  const { id = '' } = useParams();
  const { data, isPending, error, refetch } = useNeed(id);
  const canWrite = usePermission('resource:write');
  const open = data ? data.need.status === 'open' || data.need.status === 'matched' : false;
  const suggestions = useSuggestions(id, canWrite && open);
  const refusal = useRefusal();
  const close = useCloseNeed();
  const { message } = App.useApp();
  const [proposing, setProposing] = useState<OfferDto | null>(null);
  const [delivering, setDelivering] = useState<MatchDto | null>(null);
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (isPending || !data) return <PageLoading />;
  const { need, matches } = data;
  return (
    <>
      <PageHeader title={need.title} docTitle={t.detail}>
        <Space wrap style={{ marginTop: 8 }}>
          <NeedStatusTag s={need.status} />
          <PublicStateTag s={need.publicState} />
        </Space>
      </PageHeader>
      {refusal.shown}
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t.source}>{NEED_SOURCE_LABELS[need.source]}{need.clientLabel ? `：${need.clientLabel}` : ''}</Descriptions.Item>
            <Descriptions.Item label={c.station}>{need.stationName}</Descriptions.Item>
            <Descriptions.Item label={c.domain}>{SERVICE_DOMAIN_LABELS[need.domain]}</Descriptions.Item>
            <Descriptions.Item label={c.targetGroup}>{need.targetGroup ? TARGET_GROUP_LABELS[need.targetGroup] : '—'}</Descriptions.Item>
            <Descriptions.Item label={c.kind}>{RESOURCE_KIND_LABELS[need.kind]}</Descriptions.Item>
            <Descriptions.Item label={t.delivered}>{quantityText(need.kind, need.delivered)} / {quantityText(need.kind, need.quantity)}</Descriptions.Item>
            <Descriptions.Item label={c.place}>{orDash(need.place)}</Descriptions.Item>
            <Descriptions.Item label={c.neededBy}>{orDash(need.neededBy)}</Descriptions.Item>
            {need.clientConsent !== null ? (
              <Descriptions.Item label={t.consent}>{need.clientConsent ? t.consentYes : t.consentNo}</Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t.description} span={2}>{need.description ?? t.masked}</Descriptions.Item>
          </Descriptions>
          {canWrite && open ? (
            <Flex gap={8} wrap style={{ marginTop: 8 }}>
              <Button
                disabled={need.delivered === 0}
                loading={close.isPending}
                onClick={() => close.mutate({ id: need.id, body: { version: need.version, outcome: 'met' } }, { onSuccess: () => message.success(t.closed), onError: refusal.onError })}
              >
                {t.close}
              </Button>
            </Flex>
          ) : null}
        </Card>

        {canWrite && open ? (
          <Card size="small" title={s.title} data-testid="suggestions">
            <Typography.Paragraph type="secondary">{s.hint}</Typography.Paragraph>
            {(suggestions.data?.items ?? []).length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.empty} />
            ) : (
              <List
                dataSource={suggestions.data?.items ?? []}
                renderItem={(x) => (
                  <List.Item
                    data-testid="suggestion"
                    actions={[
                      x.wishProblem ? (
                        <Tag key="wish" color="red" title={x.wishProblem}>{s.wishBlocked}</Tag>
                      ) : (
                        <Button key="go" size="small" type="primary" onClick={() => { refusal.clear(); setProposing(x.offer); }}>{s.propose}</Button>
                      ),
                    ]}
                  >
                    <List.Item.Meta
                      title={`${x.offer.donorName}${x.offer.itemName ? ` · ${x.offer.itemName}` : ''}`}
                      description={`${s.available} ${quantityText(x.offer.kind, x.offer.available)}；${x.reasons.join('；')}${x.wishProblem ? `；${x.wishProblem}` : ''}`}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        ) : null}

        <Card size="small" title={mt.title}>
          {matches.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={mt.empty} />
          ) : (
            <Flex vertical gap={8}>
              {matches.map((x) => (
                <MatchCard key={x.id} match={x} need={need} onError={refusal.onError} onDeliver={() => { refusal.clear(); setDelivering(x); }} />
              ))}
            </Flex>
          )}
        </Card>

        {need.inScope ? <PublicSection key={need.version} need={need} onError={refusal.onError} onDone={refusal.clear} /> : null}
      </Flex>
      {proposing ? <ProposeDrawer need={need} offer={proposing} onClose={() => setProposing(null)} onError={refusal.onError} /> : null}
      {delivering ? <DeliverDrawer match={delivering} kind={need.kind} onClose={() => setDelivering(null)} onError={refusal.onError} /> : null}
    </>
  );
}
