import { describe, expect, it } from 'vitest';
import { creditCodeProblem } from './credit-code';
import { chinaDay, isCalendarDate } from './china-date';
import { characterClasses, passwordProblems } from './password-policy';
import { standardStationName } from './station-name';
import { missingPlaques } from './station-venue';
import { roleSetProblem, scopeKindsFor } from '../permissions';

describe('GB 32100 unified social credit code (public vectors)', () => {
  it.each(['91350100M000100Y43', '91512081MA62K0260E', '91512081ma62k0260e'])('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });
  it('refuses the invalid vector', () => {
    expect(creditCodeProblem('91350100M000100Y4Z')).not.toBeNull();
  });
  it('names a wrong check character as such', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('9135010OM000100Y43')).toBe('alphabet');
  });
});

describe('R-STATION-NAME', () => {
  it('derives the plaque name from the county short name and town', () => {
    expect(standardStationName('环翠区', '鲸园街道')).toBe('环翠区鲸园街道社会工作服务站');
    expect(standardStationName('高区', '怡园街道')).toBe('高区怡园街道社会工作服务站');
  });
});

describe('R-STATION-PLAQUE', () => {
  it('needs both plaques outside village/community premises', () => {
    expect(missingPlaques({ venueType: 'party_center', outdoorPlaque: 'installed', indoorPlaque: 'installed' })).toEqual([]);
    expect(missingPlaques({ venueType: 'party_center', outdoorPlaque: 'ordered', indoorPlaque: 'installed' })).toEqual(['户外标牌']);
    expect(missingPlaques({ venueType: 'other', outdoorPlaque: 'none', indoorPlaque: 'none' })).toEqual(['户外标牌', '室内标牌']);
  });
  it('does not apply in village/community premises', () => {
    expect(missingPlaques({ venueType: 'community_center', outdoorPlaque: 'none', indoorPlaque: 'none' })).toEqual([]);
  });
});

describe('password policy (等保 defaults: ≥ 8 characters, 3 of 4 classes)', () => {
  const policy = { minLength: 8, minClasses: 3 };
  it('counts character classes', () => {
    expect(characterClasses('abc')).toBe(1);
    expect(characterClasses('aB3!')).toBe(4);
  });
  it('accepts 8 characters with 3 classes and refuses 7', () => {
    expect(passwordProblems('Xk9#mQ2w', policy)).toEqual([]);
    expect(passwordProblems('Xk9#mQ2', policy)).toHaveLength(1);
  });
  it('refuses two classes, common passwords and the username', () => {
    expect(passwordProblems('abcdefgh12', policy)[0]).toContain('3 类');
    expect(passwordProblems('P@ssw0rd', policy)).toContain('该密码过于常见，容易被猜中');
    expect(passwordProblems('Zhangsan#2026', policy, 'zhangsan')).toContain('密码不得包含用户名');
  });
});

describe('China calendar days', () => {
  it('counts the day in Asia/Shanghai whatever the server zone', () => {
    expect(chinaDay('2026-03-31T15:59:00Z')).toBe('2026-03-31'); // 23:59 in China
    expect(chinaDay('2026-03-31T16:00:00Z')).toBe('2026-04-01'); // 00:00 in China
  });
  it('gives for instants the day the time-zone database gives, before and after China’s summer time', () => {
    const tzdb = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    const tzdbDay = (ms: number) => {
      const parts = tzdb.formatToParts(ms);
      const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      return `${part('year')}-${part('month')}-${part('day')}`;
    };
    // Every 29 hours and 13 minutes from 1986 (summer time then) to 2100: every hour of the day comes round.
    for (let ms = Date.UTC(1986, 0, 1); ms < Date.UTC(2100, 0, 1); ms += 29 * 3600e3 + 13 * 60e3) {
      expect(chinaDay(ms)).toBe(tzdb.format(ms));
      expect(chinaDay(new Date(ms))).toBe(tzdb.format(ms));
    }
    expect(chinaDay(new Date('2026-03-31T15:59:59.999Z'))).toBe('2026-03-31');
    expect(chinaDay(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(chinaDay(new Date('1988-06-01T15:30:00Z'))).toBe('1988-06-02'); // 00:30 summer time (UTC+9) in 1988
    // The last hours of year 9999 in China (its next day has a five-digit year, left to the formatter).
    expect(chinaDay(Date.UTC(9999, 11, 31, 15, 59))).toBe('9999-12-31');
    expect(chinaDay(Date.UTC(9999, 11, 31, 16, 0))).toBe(tzdbDay(Date.UTC(9999, 11, 31, 16, 0)));
  });
  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-13-01')).toBe(false);
  });
});

describe('三员分立', () => {
  it('refuses two administrator roles, or one with a business role', () => {
    expect(roleSetProblem(['sys_admin', 'audit_admin'])).toContain('三员分立');
    expect(roleSetProblem(['sec_admin', 'city_officer'])).toContain('三员分立');
    expect(roleSetProblem(['sys_admin'])).toBeNull();
    expect(roleSetProblem([])).not.toBeNull();
  });
  it('offers only the scope kinds every role accepts', () => {
    expect(scopeKindsFor(['district_officer'])).toEqual(['county']);
    expect(scopeKindsFor(['evaluator', 'dept_applicant'])).toEqual(['city', 'county', 'town']);
  });
});
