import { Form, InputNumber, Tag } from 'antd';
import type { FileMeta } from '../../../shared/contracts/organizations';
import { uploadMatchProof } from '../../../shared/contracts/resources';
import { TARGET_GROUPS, TARGET_GROUP_LABELS } from '../../../shared/rules/clients';
import { SERVICE_DOMAINS, SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import {
  MATCH_STATUS_LABELS, NEED_STATUS_LABELS, PUBLIC_STATE_LABELS, RESOURCE_KINDS, RESOURCE_KIND_LABELS, RESOURCE_KIND_UNITS,
  type MatchStatus, type NeedStatus, type PublicState, type ResourceKind,
} from '../../../shared/rules/resources';
import { upload } from '../../lib/api';
import { m } from '../../i18n';
import { fenOf, yuan, YuanInput, yuanRules } from '../funding/money';

const c = m.resources.common;

export const domainOptions = SERVICE_DOMAINS.map((d) => ({ value: d, label: SERVICE_DOMAIN_LABELS[d] }));
export const groupOptions = TARGET_GROUPS.map((g) => ({ value: g, label: TARGET_GROUP_LABELS[g] }));
export const kindOptions = RESOURCE_KINDS.map((k) => ({ value: k, label: RESOURCE_KIND_LABELS[k] }));

/** A quantity in its kind's unit: money (fen) as yuan, the rest as a count. */
export function quantityText(kind: ResourceKind, n: number): string {
  return kind === 'money' ? yuan(n) : `${n} ${RESOURCE_KIND_UNITS[kind]}`;
}

const NEED_COLORS: Record<NeedStatus, string> = { open: 'orange', matched: 'blue', met: 'green', cancelled: 'default' };
export const NeedStatusTag = ({ s }: { s: NeedStatus }) => <Tag color={NEED_COLORS[s]}>{NEED_STATUS_LABELS[s]}</Tag>;
const MATCH_COLORS: Record<MatchStatus, string> = { proposed: 'orange', confirmed: 'blue', delivered: 'green', rejected: 'default' };
export const MatchStatusTag = ({ s }: { s: MatchStatus }) => <Tag color={MATCH_COLORS[s]}>{MATCH_STATUS_LABELS[s]}</Tag>;
export const PublicStateTag = ({ s }: { s: PublicState }) =>
  s === 'none' ? null : <Tag color={s === 'published' ? 'green' : 'gold'}>{PUBLIC_STATE_LABELS[s]}</Tag>;

/**
 * The quantity field of a form: yuan (to the fen, sent as integer fen) for money, a whole number
 * otherwise. The form keeps the text; `quantityOf` turns it into the integer the API takes.
 */
export function QuantityItem({ kind, name = 'quantity', label }: { kind: ResourceKind | undefined; name?: string; label?: string }) {
  if (kind === 'money')
    return (
      <Form.Item label={label ?? c.amount} name={name} rules={yuanRules(c.amount, { required: true, positive: true })}>
        <YuanInput aria-label={label ?? c.amount} />
      </Form.Item>
    );
  return (
    <Form.Item
      label={`${label ?? c.quantity}${kind ? c.unit(RESOURCE_KIND_UNITS[kind]) : ''}`}
      name={name}
      rules={[{ required: true, message: c.quantityRequired }, { type: 'integer', min: 1, message: c.quantityInteger }]}
    >
      <InputNumber aria-label={label ?? c.quantity} min={1} precision={0} style={{ width: '100%' }} inputMode="numeric" />
    </Form.Item>
  );
}

export function quantityOf(kind: ResourceKind, value: unknown): number {
  return kind === 'money' ? fenOf(typeof value === 'string' ? value : '') : Number(value);
}

/** Uploads a photo or receipt for a match (multipart, checked by content on the server). */
export const uploadProof = (matchId: string, file: File): Promise<FileMeta> =>
  upload(uploadMatchProof, { params: { id: matchId } }, file);
