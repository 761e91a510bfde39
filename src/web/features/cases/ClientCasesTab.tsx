import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Pagination, Spin } from 'antd';
import { useState } from 'react';
import type { ClientDetail } from '../../../shared/contracts/clients';
import { LoadError } from '../../components/PageStates';
import { PermissionGate } from '../../lib/permissions';
import { CaseCard } from './caseLabels';
import { useCases } from './cases.api';
import { OpenCaseModal } from './OpenCaseModal';
import { m } from '../../i18n';

const t = m.daily.cases;

/** The client's cases, newest activity first, with 接案 for a client still on the register. */
export function ClientCasesTab({ client }: { client: ClientDetail }) {
  const [page, setPage] = useState(1);
  const [opening, setOpening] = useState(false);
  const { data, isPending, error, refetch } = useCases({ clientId: client.id, page, pageSize: 10 });
  return (
    <Flex vertical gap={12} data-testid="client-cases">
      {client.status !== 'closed' ? (
        <PermissionGate permission="client:write">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpening(true)} style={{ alignSelf: 'start' }} size="large">
            {t.openCase}
          </Button>
        </PermissionGate>
      ) : null}
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <Spin />
      ) : (data?.items.length ?? 0) === 0 ? (
        <Empty description={t.empty} />
      ) : (
        <>
          {data?.items.map((c) => <CaseCard key={c.id} c={c} showClient={false} />)}
          {(data?.total ?? 0) > 10 ? <Pagination simple align="center" current={page} pageSize={10} total={data?.total ?? 0} onChange={setPage} /> : null}
        </>
      )}
      {opening ? <OpenCaseModal clientId={client.id} clientName={client.name} onClose={() => setOpening(false)} /> : null}
    </Flex>
  );
}
