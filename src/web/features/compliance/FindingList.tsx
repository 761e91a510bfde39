import { Alert, Flex, Space, Typography } from 'antd';
import { Link } from 'react-router';
import type { Finding } from '../../../shared/contracts/social-workers';
import { RuleTag } from '../../components/RuleTag';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';

const t = m.staffing;

/**
 * Staffing findings: the rule (id and clause), what is wrong, who it concerns and what would
 * clear it. Findings count against 达标 (red); warnings are reminders (amber).
 */
export function FindingList({ findings, showPeople = true }: { findings: Finding[]; showPeople?: boolean }) {
  const canOpenWorkers = usePermission('worker:read');
  return (
    <Flex vertical gap={8} data-testid="finding-list">
      {findings.map((f, i) => (
        <Alert
          key={`${f.rule.id}-${i}`}
          type={f.severity === 'finding' ? 'error' : 'warning'}
          showIcon
          data-testid="finding"
          title={
            <span>
              <RuleTag rule={f.rule} />
              {f.message}
            </span>
          }
          description={
            <Flex vertical gap={2}>
              <Typography.Text type="secondary">{f.rule.title}</Typography.Text>
              {showPeople && f.people.length > 0 ? (
                <span>
                  {t.workers.people}：
                  <Space size={4} wrap separator="、">
                    {f.people.map((p) =>
                      canOpenWorkers ? (
                        <Link key={p.workerId} to={`/social-workers/${p.workerId}`}>
                          {p.name}
                        </Link>
                      ) : (
                        <span key={p.workerId}>{p.name}</span>
                      ),
                    )}
                  </Space>
                </span>
              ) : null}
              <span>
                {t.workers.clearBy}：{f.clearBy}
              </span>
            </Flex>
          }
        />
      ))}
    </Flex>
  );
}

/** A compact form for tables: rule tag and message per finding. */
export function FindingLines({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return <Typography.Text type="secondary">{t.compliance.noFindings}</Typography.Text>;
  return (
    <Flex vertical gap={4}>
      {findings.map((f, i) => (
        <div key={`${f.rule.id}-${i}`}>
          <RuleTag rule={f.rule} />
          <Typography.Text type={f.severity === 'finding' ? 'danger' : 'warning'}>{f.message}</Typography.Text>
        </div>
      ))}
    </Flex>
  );
}
