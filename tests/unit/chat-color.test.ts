import { describe, expect, it } from 'vitest';
import { readableColor, safeColor } from '../../components/streamer/chat-message';

function luminance(hex: string): number {
  const c = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5);
}
const ratio = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('chatter colours', () => {
  it.each(['#FF4500', '#FFFF00', '#00FF7F', '#1E90FF', '#000000', '#0000FF', '#8A2BE2', '#FFFFFF'])(
    '%s stays readable on both themes',
    (color) => {
      expect(ratio(readableColor(color, false), '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(ratio(readableColor(color, false), '#f4f4f5')).toBeGreaterThanOrEqual(4.5);
      expect(ratio(readableColor(color, true), '#18181b')).toBeGreaterThanOrEqual(4.5);
      expect(ratio(readableColor(color, true), '#27272a')).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('keeps a colour that is already readable', () => {
    expect(readableColor('#1a1a1a', false)).toBe('#1a1a1a');
  });

  it('only accepts #RRGGBB', () => {
    expect(safeColor('#12ab9F')).toBe('#12ab9F');
    expect(safeColor('red; background:url(x)')).toBeUndefined();
  });
});
