import { useEffect, useState } from 'react';
import type { GatewayApi } from '../../../shared/ipc/api';

export interface BridgeLink {
  /** True between a `lost` and the next `restored` (never under Electron). */
  lost: boolean;
  /** When the link went down, for the banner. */
  lostAt: number | null;
}

/** The page's link to the core, from the `link` changes on the event stream. */
export function useBridgeLink(api: GatewayApi): BridgeLink {
  const [link, setLink] = useState<BridgeLink>({ lost: false, lostAt: null });
  useEffect(
    () =>
      api.events.subscribe((batch) => {
        if (batch.link === 'lost') setLink((l) => (l.lost ? l : { lost: true, lostAt: Date.now() }));
        else if (batch.link === 'restored') setLink({ lost: false, lostAt: null });
      }),
    [api],
  );
  return link;
}
