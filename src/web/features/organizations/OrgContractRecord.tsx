import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { RULES } from '../../../shared/rules/catalog';
import { CONTRACT_STATUS_LABELS, EVALUATION_GRADE_LABELS } from '../../../shared/rules/purchase';
import { RuleTag } from '../../components/RuleTag';
import { m } from '../../i18n';
import { useContractorRecord } from '../contracts/contracts.api';

const t = m.staffing.orgs;

/**
 * R-EVAL-USE on the organisation's own page: its contracts and yearly grades across the city, with
 * a failed last grade called out for whoever considers it for a new contract.
 */
export function OrgContractRecord({ orgId }: { orgId: string }) {
  const { data } = useContractorRecord(orgId);
  if (!data) return null;
  return (
    <Card title={t.contractRecord} size="small" data-testid="org-contract-record">
      <Space direction="vertical" style={{ width: '100%' }}>
        {data.lastFailed ? (
          <Alert type="error" showIcon title={<><RuleTag rule={RULES['R-EVAL-USE']} />{t.lastFailed}</>} />
        ) : null}
        {data.contracts.length === 0 ? (
          <Typography.Text type="secondary">{t.noContracts}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={data.contracts}
            renderItem={(c) => (
              <List.Item>
                <Space wrap>
                  <Link to={`/contracts/${c.id}`}>{c.title}</Link>
                  <span>{c.countyShortName}</span>
                  <span>{c.startsOn ?? '—'} ~ {c.endsOn ?? '—'}</span>
                  <Tag>{CONTRACT_STATUS_LABELS[c.status]}</Tag>
                  {c.endingYear ? <Tag color="red">{t.endingIn(c.endingYear)}</Tag> : null}
                </Space>
              </List.Item>
            )}
          />
        )}
        {data.grades.length ? (
          <Space wrap>
            {data.grades.map((g) => (
              <Tag key={`${g.contractId}-${g.year}`} color={g.grade === 'fail' ? 'red' : 'green'}>
                {t.gradeLine(g.year, EVALUATION_GRADE_LABELS[g.grade])}
              </Tag>
            ))}
          </Space>
        ) : null}
      </Space>
    </Card>
  );
}
