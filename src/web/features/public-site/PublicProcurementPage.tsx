import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Result } from 'antd';
import { Link, useParams } from 'react-router';
import { PURCHASE_METHOD_LABELS } from '../../../shared/rules/purchase';
import { PageHeader } from '../../components/PageHeader';
import { LoadError, PageLoading } from '../../components/PageStates';
import { isApiError } from '../../lib/api';
import { orDash } from '../../lib/format';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { Yuan } from '../funding/money';
import { ItemTags } from '../procurements/purchaseFields';
import { usePublicProcurement } from './public.api';

const t = m.purchase.public;
const p = m.purchase.procurements;
const c = m.purchase.common;

const pre = (s: string) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{orDash(s)}</span>;

export default function PublicProcurementPage() {
  const { id = '' } = useParams();
  const { data: r, isPending, error, refetch } = usePublicProcurement(id);
  const isMobile = useIsMobile();
  const back = (
    <Link to="/public/procurements">
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInline: 0 }}>
        {t.backToList}
      </Button>
    </Link>
  );
  if (isPending) return <PageLoading />;
  if (isApiError(error, 'NOT_FOUND') || isApiError(error, 'VALIDATION_FAILED'))
    return <Result status="404" title={m.app.notFound} subTitle={t.notFound} extra={back} />;
  if (!r) return <LoadError error={error} onRetry={() => void refetch()} />;
  return (
    <>
      {back}
      <PageHeader title={<span data-testid="public-procurement-title">{r.title}</span>} />
      <Card size="small">
        <Descriptions
          bordered={!isMobile}
          layout={isMobile ? 'vertical' : 'horizontal'}
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'county', label: c.county, children: r.countyShortName },
            { key: 'year', label: c.year, children: r.year },
            { key: 'publishedOn', label: t.publishedOn, children: r.publishedOn },
            { key: 'method', label: p.method, children: PURCHASE_METHOD_LABELS[r.method] },
            { key: 'budget', label: p.budget, children: <Yuan fen={r.budgetFen} /> },
            { key: 'stations', label: p.stations, span: 'filled', children: r.stations.join('、') || '—' },
            { key: 'items', label: p.items, span: 'filled', children: <ItemTags items={r.items} /> },
            { key: 'otherItems', label: p.otherItems, span: 'filled', children: pre(r.otherItems) },
            { key: 'standards', label: p.standards, span: 'filled', children: pre(r.standards) },
            { key: 'requirements', label: p.requirements, span: 'filled', children: pre(r.requirements) },
            {
              key: 'contractor',
              label: p.contractor,
              span: 'filled',
              children: r.contractor ? (
                <span data-testid="public-contractor">
                  {r.contractor.name}（{r.contractor.creditCode}）
                </span>
              ) : (
                t.pending
              ),
            },
            { key: 'awardedOn', label: p.awardedOn, children: orDash(r.awardedOn) },
            { key: 'awardFen', label: p.awardFen, children: r.awardFen === null ? '—' : <Yuan fen={r.awardFen} /> },
          ]}
        />
      </Card>
    </>
  );
}
