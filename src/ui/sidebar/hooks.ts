import { ISignal } from '@lumino/signaling';
import { useEffect, useReducer, useState } from 'react';

/** Render again whenever one of `signals` is emitted. */
export function useSignals(signals: ReadonlyArray<ISignal<unknown, unknown>>): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const onEmit = () => bump();
    signals.forEach(signal => signal.connect(onEmit));
    // What was emitted between the first render and now would be lost.
    bump();
    return () => {
      signals.forEach(signal => signal.disconnect(onEmit));
    };
    // The signals are fixed for the life of a view.
  }, signals);
}

/** The current time in ms, ticking every `interval` ms while `ticking`. */
export function useNow(ticking: boolean, interval = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) {
      return;
    }
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), interval);
    return () => clearInterval(timer);
  }, [ticking, interval]);
  return ticking ? now : Date.now();
}
