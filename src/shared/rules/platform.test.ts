import { describe, expect, it } from 'vitest';
import { applicationInForce, decidingBureau } from './platform';

describe('R-PLATFORM-APPLY', () => {
  it('sends a municipal department to the city bureau, a county department and a town to their county bureau', () => {
    expect(decidingBureau('city', '/371000/')).toEqual({ level: 'city', path: '/371000/' });
    expect(decidingBureau('county', '/371000/371002/')).toEqual({ level: 'county', path: '/371000/371002/' });
    expect(decidingBureau('town', '/371000/371002/371002002/')).toEqual({ level: 'county', path: '/371000/371002/' });
    expect(decidingBureau('station', '/371000/371002/371002002/')).toBeNull();
    expect(decidingBureau('org', null)).toBeNull();
  });

  it('is in force for a named station from its first to its last day, once accepted', () => {
    const a = { status: 'accepted' as const, stationIds: ['s1'], periodStart: '2026-03-01', periodEnd: '2026-03-31' };
    expect(applicationInForce(a, 's1', '2026-02-28')).toBe(false);
    expect(applicationInForce(a, 's1', '2026-03-01')).toBe(true);
    expect(applicationInForce(a, 's1', '2026-03-31')).toBe(true);
    expect(applicationInForce(a, 's1', '2026-04-01')).toBe(false);
    expect(applicationInForce(a, 's2', '2026-03-15')).toBe(false);
    expect(applicationInForce({ ...a, status: 'submitted' }, 's1', '2026-03-15')).toBe(false);
  });
});
