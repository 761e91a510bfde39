import type { ClientDetail } from '../../../shared/contracts/clients';
import { CLIENT_STATUSES, CLIENT_STATUS_LABELS } from '../../../shared/rules/clients';
import { StatusModal } from '../../components/StatusModal';
import { m } from '../../i18n';
import { useChangeClientStatus } from './clients.api';

const t = m.daily.clients;

/** 在册 / 暂停 / 注销 with a reason; 注销 is asked twice. */
export function ClientStatusModal({ client, onClose, onConflict }: { client: ClientDetail; onClose: () => void; onConflict: () => unknown }) {
  const change = useChangeClientStatus(client.id);
  return (
    <StatusModal
      statuses={CLIENT_STATUSES}
      labels={CLIENT_STATUS_LABELS}
      current={client.status}
      texts={t}
      reasonMax={200}
      send={(v) => change.mutateAsync({ version: client.version, status: v.status, reason: v.reason.trim() })}
      pending={change.isPending}
      confirm={(s) => (s === 'closed' ? { title: t.confirmCloseTitle, content: t.confirmCloseContent, danger: true } : null)}
      onClose={onClose}
      onConflict={onConflict}
    />
  );
}
