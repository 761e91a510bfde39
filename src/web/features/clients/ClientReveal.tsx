import { RevealableValue } from '../../components/RevealableValue';
import { zhCNDaily } from '../../i18n/zh-CN.daily';
import { usePermission } from '../../lib/permissions';
import { NoAccess } from './clientLabels';
import { useRevealClient } from './clients.api';

const t = zhCNDaily.clients;

/**
 * A client's masked ID number or phone, revealed in full with client:reveal (recorded in the
 * access log). null means the role may not see it at all (no client:sensitive).
 */
export function ClientReveal({ clientId, field, masked }: { clientId: string; field: 'idNumber' | 'phone'; masked: string | null }) {
  const reveal = useRevealClient(clientId);
  const canReveal = usePermission('client:reveal');
  if (masked === null) return <NoAccess />;
  return (
    <RevealableValue
      masked={masked}
      canReveal={canReveal}
      reveal={() => reveal.mutateAsync(field).then((r) => r.value)}
      texts={{ what: field === 'idNumber' ? t.revealIdNumber : t.revealPhone, reveal: t.reveal, hide: t.hide, title: t.revealTitle, content: t.revealContent }}
      testId={`client-${field}`}
    />
  );
}
