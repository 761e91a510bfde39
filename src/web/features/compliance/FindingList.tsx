import { Alert, Flex, Space, Typography } from 'antd';
import { Link } from 'react-router';
import type { Finding as StaffingFinding } from '../../../shared/contracts/social-workers';
import { Finding, RuleTag } from '../../components/RuleTag';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';

const t = m.staffing;

/**
 * Staffing findings: what is wrong, who it concerns and what would clear it, then the clause in
 * words and the rule id. Findings count against 达标 (red); warnings are reminders (amber).
 */
export function FindingList({ findings, showPeople = true }: { findings: StaffingFinding[]; showPeople?: boolean }) {
  const canOpenWorkers = usePermission('worker:read');
  return (
    <Flex vertical gap={8} data-testid="finding-list">
      {findings.map((f, i) => (
        <Alert
          key={`${f.rule.id}-${i}`}
          type={f.severity === 'finding' ? 'error' : 'warning'}
          showIcon
          data-testid="finding"
          title={<span data-testid="finding-message">{f.message}</span>}
          description={
            <Flex vertical gap={2}>
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
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.rule.title}
              </Typography.Text>
              <div>
                <RuleTag rule={f.rule} />
              </div>
            </Flex>
          }
        />
      ))}
    </Flex>
  );
}

/** A compact form for tables: the sentence, then the clause and id small. */
export function FindingLines({ findings }: { findings: StaffingFinding[] }) {
  if (findings.length === 0) return <Typography.Text type="secondary">{t.compliance.noFindings}</Typography.Text>;
  return (
    <Flex vertical gap={4}>
      {findings.map((f, i) => (
        <Finding key={`${f.rule.id}-${i}`} rule={f.rule} tone={f.severity === 'finding' ? 'danger' : 'warning'} message={f.message} />
      ))}
    </Flex>
  );
}
