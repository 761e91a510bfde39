import { RevealableValue } from '../../components/RevealableValue';
import { usePermission } from '../../lib/permissions';
import { useReveal } from './social-workers.api';
import { m } from '../../i18n';

const t = m.staffing.workers;

/** A worker's masked ID number or phone, revealed in full with worker:reveal (audited). */
export function RevealValue({ workerId, field, masked }: { workerId: string; field: 'idNumber' | 'phone'; masked: string }) {
  const reveal = useReveal(workerId);
  return (
    <RevealableValue
      masked={masked}
      canReveal={usePermission('worker:reveal')}
      reveal={() => reveal.mutateAsync(field).then((r) => r.value)}
      texts={{ what: field === 'idNumber' ? t.revealIdNumber : t.revealPhone, reveal: t.reveal, hide: t.hide, title: t.revealTitle, content: t.revealContent }}
      testId={`worker-${field}`}
    />
  );
}
