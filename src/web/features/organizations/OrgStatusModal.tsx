import { Alert } from 'antd';
import { ORG_STATUSES, ORG_STATUS_LABELS, type OrgStatus } from '../../../shared/rules/organizations';
import { StatusModal } from '../../components/StatusModal';
import { m } from '../../i18n';
import { useChangeOrgStatus, type OrgDetail } from './organizations.api';

const t = m.staffing.orgs;

const CONSEQUENCE: Record<OrgStatus, string> = {
  active: t.confirmActive,
  suspended: t.confirmSuspend,
  barred: t.confirmBarred,
};

/** 正常 / 暂停 / 禁入 with a reason; every change is confirmed, 禁入 with its consequence spelled out. */
export function OrgStatusModal({
  org,
  onClose,
  onConflict,
}: {
  org: OrgDetail;
  onClose: () => void;
  onConflict: () => Promise<unknown>;
}) {
  const change = useChangeOrgStatus(org.id);
  return (
    <StatusModal
      statuses={ORG_STATUSES}
      labels={ORG_STATUS_LABELS}
      current={org.status}
      texts={t}
      reasonMax={500}
      send={(v) => change.mutateAsync({ version: org.version, status: v.status, reason: v.reason })}
      pending={change.isPending}
      confirm={(s) => ({ title: t.confirmStatusTitle(org.name, ORG_STATUS_LABELS[s]), content: CONSEQUENCE[s], danger: s !== 'active' })}
      warning={(s) => (s === 'barred' ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t.confirmBarred} /> : null)}
      onClose={onClose}
      onConflict={onConflict}
    />
  );
}
