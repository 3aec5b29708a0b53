export { startDemoBroker, type DemoBroker } from './demo-broker';
export { DEMO_METER, DEMO_NEIGHBOUR, demoMeterKey, demoSimulatedMeters } from './demo-meters';
export { demoProfile } from './demo-profile';
