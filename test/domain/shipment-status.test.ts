import { describe, expect, it } from 'vitest';
import { MOVEMENT_STEPS, SHIPMENT_STATUSES, statusAfter, statusOf, TRANSIT_STEP_KINDS, type StatusStep } from '../../src/domain/index.js';

const m = (kind: (typeof MOVEMENT_STEPS)[number]): StatusStep => ({ source: 'movement', kind });
const t = (kind: (typeof TRANSIT_STEP_KINDS)[number]): StatusStep => ({ source: 'transit', kind });

describe('shipment status', () => {
  it('maps movement steps to statuses', () => {
    expect(statusAfter('planned', m('departed'))).toBe('departed');
    expect(statusAfter('departed', m('position-reported'))).toBe('in-transit');
    expect(statusAfter('in-transit', m('arrived-at-border'))).toBe('at-border');
    expect(statusAfter('at-border', m('border-passed'))).toBe('in-transit');
    expect(statusAfter('in-transit', m('loaded-on-ferry'))).toBe('on-ferry');
    expect(statusAfter('on-ferry', m('unloaded-from-ferry'))).toBe('in-transit');
    expect(statusAfter('at-border', m('transshipped'))).toBe('in-transit');
    expect(statusAfter('in-transit', m('arrived-at-destination'))).toBe('arrived');
    expect(statusAfter('arrived', m('delivered'))).toBe('delivered');
    expect(statusAfter('in-transit', m('incident'))).toBe('exception');
  });

  it('position reports do not undo planned, at-border, on-ferry or arrived', () => {
    for (const s of ['planned', 'at-border', 'on-ferry', 'arrived'] as const) expect(statusAfter(s, m('position-reported'))).toBe(s);
  });

  it('maps customs steps: most are paperwork', () => {
    for (const kind of ['lodge', 'accept', 'cancel', 'release-for-transit', 'release', 'discharge', 'control', 'control-completed'] as const) {
      expect(statusAfter('in-transit', t(kind))).toBe('in-transit');
    }
    expect(statusAfter('at-border', t('pass-office'))).toBe('in-transit');
    expect(statusAfter('in-transit', t('arrive'))).toBe('arrived');
    expect(statusAfter('at-border', t('hold'))).toBe('held-by-customs');
    expect(statusAfter('planned', t('reject'))).toBe('exception');
  });

  it('a hold lasts until released, and release returns to the status before it', () => {
    expect(statusAfter('held-by-customs', m('border-passed'))).toBe('held-by-customs');
    expect(statusAfter('held-by-customs', t('pass-office'))).toBe('held-by-customs');
    expect(statusAfter('held-by-customs', t('release-from-hold'), { statusBeforeHold: 'at-border' })).toBe('at-border');
    expect(statusAfter('held-by-customs', t('release-from-hold'))).toBe('in-transit');
    expect(statusAfter('held-by-customs', m('incident'))).toBe('exception');
    expect(statusAfter('held-by-customs', m('delivered'))).toBe('delivered');
    expect(statusAfter('in-transit', t('release-from-hold'))).toBe('in-transit');
  });

  it('unknown steps leave the status alone', () => {
    expect(statusAfter('on-ferry', { source: 'movement', kind: 'toString' } as unknown as StatusStep)).toBe('on-ferry');
    expect(statusAfter('at-border', { source: 'transit', kind: 'teleport' } as unknown as StatusStep)).toBe('at-border');
  });

  it('cancelled is final, like delivered', () => {
    for (const kind of MOVEMENT_STEPS) expect(statusAfter('cancelled', m(kind))).toBe('cancelled');
    for (const kind of TRANSIT_STEP_KINDS) expect(statusAfter('cancelled', t(kind))).toBe('cancelled');
  });

  it('delivered is final', () => {
    for (const kind of MOVEMENT_STEPS) expect(statusAfter('delivered', m(kind))).toBe('delivered');
    for (const kind of TRANSIT_STEP_KINDS) expect(statusAfter('delivered', t(kind))).toBe('delivered');
  });

  it('an exception is cleared by the next movement', () => {
    expect(statusAfter('exception', m('departed'))).toBe('departed');
    expect(statusAfter('exception', t('lodge'))).toBe('exception');
  });

  it('every status and step gives a status of the vocabulary', () => {
    for (const s of SHIPMENT_STATUSES) {
      for (const kind of MOVEMENT_STEPS) expect(SHIPMENT_STATUSES).toContain(statusAfter(s, m(kind)));
      for (const kind of TRANSIT_STEP_KINDS) expect(SHIPMENT_STATUSES).toContain(statusAfter(s, t(kind)));
    }
  });

  it('folds a corridor journey', () => {
    const journey = [t('lodge'), t('accept'), t('release-for-transit'), m('departed'), m('position-reported'), m('arrived-at-border'), t('control'), t('hold')];
    expect(statusOf(journey)).toBe('held-by-customs');
    expect(statusOf([...journey, t('release-from-hold')])).toBe('at-border');
    expect(statusOf([...journey, t('release-from-hold'), t('pass-office'), m('loaded-on-ferry')])).toBe('on-ferry');
    expect(statusOf([...journey, t('release-from-hold'), t('pass-office'), m('arrived-at-destination'), t('arrive'), m('delivered')])).toBe('delivered');
    expect(statusOf([])).toBe('planned');
  });
});
