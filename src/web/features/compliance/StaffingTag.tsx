import { Tag } from 'antd';
import { m } from '../../i18n';

const t = m.staffing.compliance;

/** 达标 / 不达标 of a station's staffing (warnings do not count against it). */
export function StaffingTag({ compliant }: { compliant: boolean }) {
  return (
    <Tag color={compliant ? 'success' : 'error'} data-testid="staffing-status">
      {compliant ? t.compliant : t.notCompliant}
    </Tag>
  );
}

/** R-STAFF-MIN (二（三）): the shared rule's minimum of qualified workers on post. */
export { MIN_QUALIFIED_WORKERS as MIN_QUALIFIED } from '../../../shared/rules/staffing';
