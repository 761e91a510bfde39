import { RevealableValue } from '../../components/RevealableValue';
import { usePermission } from '../../lib/permissions';
import { NoAccess } from './clientLabels';
import { useRevealClient } from './clients.api';
import { m } from '../../i18n';

const t = m.daily.clients;

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
