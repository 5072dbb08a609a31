import { valueTickLabel } from '../MetricChart';

describe('valueTickLabel', () => {
  it('gives ticks as many decimals as their step needs, never two equal labels', () => {
    const ticks = [0.0015, 0.002, 0.0025];
    const labels = ticks.map(tick => valueTickLabel(tick, 0.0005));
    expect(labels).toEqual(['0.0015', '0.0020', '0.0025']);
    expect(valueTickLabel(0.75, 0.25)).toBe('0.75');
    expect(valueTickLabel(0.5, 0.25)).toBe('0.50');
    expect(valueTickLabel(40, 20)).toBe('40');
  });

  it('writes tiny and huge steps in exponent form', () => {
    expect(valueTickLabel(5e-8, 1e-8)).toBe('5e-8');
    expect(valueTickLabel(2.5e-8, 2.5e-9)).toBe('2.50e-8');
    expect(valueTickLabel(3e9, 1e9)).toBe('3e+9');
    expect(valueTickLabel(0, 1e-8)).toBe('0');
  });
});
