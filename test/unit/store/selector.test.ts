import { describe, expect, it } from 'vitest';
import { compileSelector, formatSelector, parseSelectorString } from '../../../src/api/selector.js';

describe('label selectors (metav1.LabelSelectorAsSelector semantics)', () => {
  it('matches matchLabels', () => {
    const m = compileSelector({ matchLabels: { app: 'pi' } });
    expect(m({ app: 'pi', x: 'y' })).toBe(true);
    expect(m({ app: 'other' })).toBe(false);
    expect(m(undefined)).toBe(false);
  });

  it('matches each matchExpressions operator', () => {
    const labels = { env: 'prod', tier: 'web' };
    expect(
      compileSelector({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] })(
        labels,
      ),
    ).toBe(true);
    expect(
      compileSelector({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] })(labels),
    ).toBe(false);
    expect(
      compileSelector({ matchExpressions: [{ key: 'gone', operator: 'NotIn', values: ['x'] }] })(labels),
    ).toBe(true);
    expect(compileSelector({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] })(labels)).toBe(true);
    expect(compileSelector({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] })(labels)).toBe(
      false,
    );
  });

  it('ANDs matchLabels and matchExpressions', () => {
    const m = compileSelector({
      matchLabels: { app: 'pi' },
      matchExpressions: [{ key: 'tier', operator: 'Exists' }],
    });
    expect(m({ app: 'pi' })).toBe(false);
    expect(m({ app: 'pi', tier: 'a' })).toBe(true);
  });

  it('empty selector matches everything, null matches nothing', () => {
    expect(compileSelector({})({})).toBe(true);
    expect(compileSelector(null)({ a: 'b' })).toBe(false);
  });

  it('parses kubectl selector strings', () => {
    expect(parseSelectorString('app=pi,tier!=web')).toEqual({
      matchLabels: { app: 'pi' },
      matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }],
    });
    expect(parseSelectorString('env in (a, b),!gone,has')).toEqual({
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['a', 'b'] },
        { key: 'gone', operator: 'DoesNotExist' },
        { key: 'has', operator: 'Exists' },
      ],
    });
  });

  it('formats selectors as kubectl prints them', () => {
    expect(formatSelector({ matchLabels: { b: '2', a: '1' } })).toBe('a=1,b=2');
    expect(formatSelector(undefined)).toBe('<none>');
  });
});
