import { Tag } from 'antd';
import { zhCNStaffing } from '../../i18n/zh-CN.staffing';

const t = zhCNStaffing.compliance;

/** 达标 / 不达标 of a station's staffing (warnings do not count against it). */
export function StaffingTag({ compliant }: { compliant: boolean }) {
  return (
    <Tag color={compliant ? 'success' : 'error'} data-testid="staffing-status">
      {compliant ? t.compliant : t.notCompliant}
    </Tag>
  );
}

/** R-STAFF-MIN (二（三）): at least two workers with professional quality on post. */
export const MIN_QUALIFIED = 2;
