'use client';

import { useState } from 'react';

/**
 * Local editable copy of a value that also changes from outside (e.g. the URL): the draft
 * follows the outside value whenever that one changes, and is free to differ in between.
 * (Adjusts state during render, as React recommends, rather than in an effect.)
 */
export function useDraft<T>(outside: T): [T, (v: T) => void] {
  const [draft, setDraft] = useState(outside);
  const [seen, setSeen] = useState(outside);
  if (!Object.is(seen, outside)) {
    setSeen(outside);
    setDraft(outside);
  }
  return [draft, setDraft];
}
