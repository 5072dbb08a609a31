/**
 * What uPlot needs of a browser that jsdom lacks: a 2D canvas context (its
 * drawing calls do nothing here), Path2D and matchMedia. Import it before
 * uPlot, which reads the pixel ratio as it loads.
 */
class FakePath2D {
  addPath(): void {}
  arc(): void {}
  bezierCurveTo(): void {}
  closePath(): void {}
  lineTo(): void {}
  moveTo(): void {}
  quadraticCurveTo(): void {}
  rect(): void {}
}

function fakeContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const state: Record<string | symbol, unknown> = { canvas };
  return new Proxy(state, {
    get(target, key) {
      if (key in target) {
        return target[key];
      }
      if (key === 'measureText') {
        return (text: string) => ({ width: text.length * 6 });
      }
      return () => undefined;
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    }
  }) as unknown as CanvasRenderingContext2D;
}

Object.assign(globalThis, { Path2D: FakePath2D });
HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
  return fakeContext(this);
} as unknown as typeof HTMLCanvasElement.prototype.getContext;
window.matchMedia = (query: string) =>
  ({
    matches: false,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined
  }) as unknown as MediaQueryList;
