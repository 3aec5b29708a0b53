/** Real telegrams from the shared test data (docs/ARCHITECTURE.md § iM871A and § wM-Bus), pasted by the sample buttons. */
export const SAMPLES = [
  {
    label: 'Sample: HCI frame (meter 32666857)',
    hex: 'a5820327442d2c5768663230028d201a13e00920dddf142f84b1107cae4e84dbcb98210fc275ddc868ce8d2554',
  },
  {
    label: 'Sample: two frames in one serial read',
    hex:
      'a5820327442d2c5768663230028d207193dd03206986a5ca4f79a0c37291ec021345145dd011b79095f0e0f1b9' +
      'a5820331442d2c143423781c0c8d201380016220d52503480ecc98101e27e0c318df0244baed4e267da393fc45e6545d640740087cbb50',
  },
] as const;
