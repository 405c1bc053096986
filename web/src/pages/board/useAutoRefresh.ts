/**
 * Refreshes a board every so often, but never under the reader's hands: while the focus is inside
 * the watched element (someone moving through the rows with the keyboard, or about to click a
 * link), the refresh waits and happens as soon as the focus leaves it.
 */
import { useEffect, useRef, type RefObject } from 'react';

export function useAutoRefresh(refresh: () => void, everyMs: number, watched: RefObject<HTMLElement | null>): void {
  const latest = useRef(refresh);
  latest.current = refresh;

  useEffect(() => {
    let pending = false;
    const focusInside = () => {
      const element = watched.current;
      return element !== null && element.contains(document.activeElement);
    };
    const timer = setInterval(() => {
      if (focusInside()) pending = true;
      else latest.current();
    }, everyMs);
    const onFocusOut = (event: FocusEvent) => {
      const element = watched.current;
      const goingTo = event.relatedTarget;
      if (!pending || !element || (goingTo instanceof Node && element.contains(goingTo))) return;
      pending = false;
      latest.current();
    };
    const element = watched.current;
    element?.addEventListener('focusout', onFocusOut);
    return () => {
      clearInterval(timer);
      element?.removeEventListener('focusout', onFocusOut);
    };
  }, [everyMs, watched]);
}
